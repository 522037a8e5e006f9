/**
 * The quota of a programme session holds when several processes sign people up at the same
 * moment, each statement on its own (no surrounding transaction): the count and the insert are
 * one statement (claimPlace), so no interleaving can put more people in than there are places.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { createTestApp } from '../../testing/harness.js';
import { systemClock } from '../../core/clock.js';
import { createSession } from './sessions.js';

const RACERS = 4;
const PER_RACER = 20;
const QUOTA = 25;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** One racer: opens the database, says it is ready, and on "go" signs up its contacts as fast as it can. */
const RACER = `
import { openDatabase } from ${JSON.stringify(pathToFileURL(path.join(HERE, '../../store/db.ts')).href)};
import { signUp } from ${JSON.stringify(pathToFileURL(path.join(HERE, 'sessions.ts')).href)};
const [file, occ, ...ids] = process.argv.slice(1);
const db = openDatabase(file, 10000);
const s = { HOME_TIMEZONE: 'Asia/Jakarta', DEFAULT_LANGUAGE: 'id', offsets: [{ name: 'day', beforeMs: 86400000 }] };
process.stdout.write('ready;');
process.stdin.once('data', () => {
  const outcomes = ids.map((id) => signUp(db, Number(occ), Number(id), 'racer ' + id, Date.now(), s));
  db.close();
  process.stdout.write(JSON.stringify(outcomes));
  process.exit(0);
});
`;

interface Racer {
  ready: Promise<void>;
  go(): void;
  done: Promise<string[]>;
}

function racer(file: string, occ: number, ids: number[]): Racer {
  const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', RACER, file, String(occ), ...ids.map(String)], { stdio: 'pipe' });
  let out = '';
  let err = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (d) => {
    out += String(d);
    if (out.startsWith('ready;')) markReady();
  });
  child.stderr.on('data', (d) => (err += String(d)));
  const done = new Promise<string[]>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.slice('ready;'.length)) as string[]) : reject(new Error(`racer exited ${code}: ${err}`)))),
  );
  return { ready, go: () => child.stdin.write('go\n'), done };
}

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
});

describe('programme session quota under concurrent sign-ups', () => {
  it(`${RACERS} processes, ${RACERS * PER_RACER} people, ${QUOTA} places: exactly ${QUOTA} get one`, { timeout: 60_000 }, async () => {
    // A real clock: the racers stamp their sign-ups with Date.now().
    app = createTestApp({ clock: systemClock });
    const occ = app.db.transaction(() =>
      createSession(
        app!.db,
        { program: 'skills', title: { id: 'Uji kuota' }, startLocal: '2030-01-05T09:00', timezone: 'Asia/Jakarta', durationMin: 60, place: 'BLK', link: '', quota: QUOTA, createdBy: 'test' },
        Date.now(),
      ),
    )();
    const add = app.db.prepare("INSERT INTO contacts (channel, chat_id, created_at) VALUES ('console', ?, 0)");
    const ids = Array.from({ length: RACERS * PER_RACER }, (_, i) => Number(add.run(`racer-${i}`).lastInsertRowid));
    const file = path.join(app.config.DATA_DIR, 'helpline.sqlite');
    // All racers start together once every one has the database open (process start-up varies by seconds).
    const racers = Array.from({ length: RACERS }, (_, r) => racer(file, occ, ids.filter((_, i) => i % RACERS === r)));
    await Promise.all(racers.map((r) => r.ready));
    for (const r of racers) r.go();
    const results = await Promise.all(racers.map((r) => r.done));
    const all = results.flat();
    expect(all.filter((o) => o === 'ok')).toHaveLength(QUOTA);
    expect(all.filter((o) => o === 'full')).toHaveLength(RACERS * PER_RACER - QUOTA);
    // More than one process got places: the sign-ups really ran side by side.
    expect(results.filter((r) => r.includes('ok')).length).toBeGreaterThan(1);
    expect(app.db.prepare("SELECT COUNT(*) FROM gathering_rsvps WHERE occurrence_id = ? AND answer = 'yes'").pluck().get(occ)).toBe(QUOTA);
    expect(app.db.prepare("SELECT COUNT(*) FROM gathering_reminders WHERE occurrence_id = ? AND state = 'pending'").pluck().get(occ)).toBe(QUOTA);
  });
});
