/**
 * The SQLite floor, measured in the same run for scale: one transaction per message writing a
 * dedupe row, a session upsert and an outbox row (no engine, no rendering) on a file with the
 * helpline's pragmas. When the machine is busy this drops too, which tells noise from regressions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/store/db.js';
import { tempDataDir } from '../../src/testing/harness.js';
import { nowMs } from './stats.js';

export function sqliteFloor(messages: number): { perSecond: number } {
  const dir = tempDataDir('helpline-bench-floor-');
  const db = openDatabase(path.join(dir, 'floor.sqlite'));
  try {
    const contacts = 200;
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO contacts (channel, chat_id, created_at) SELECT 'console', 'f' || i, 0 FROM n`,
    ).run(contacts);
    const seen = db.prepare('INSERT OR IGNORE INTO inbound_seen (channel, platform_id, seen_at) VALUES (?, ?, ?)');
    const session = db.prepare(
      `INSERT INTO sessions (contact_id, state, version, updated_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (contact_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    );
    const out = db.prepare("INSERT INTO outbox (channel, chat_id, contact_id, payload, next_attempt_at, created_at) VALUES ('console', ?, ?, ?, ?, ?)");
    const state = JSON.stringify({ v: 1, flow: 'main', step: 'menu', data: {}, trail: [] });
    const payload = JSON.stringify({ text: 'How can we help?\n1. Report a problem\n2. Check my report\n3. Check a recruitment agency' });
    const tx = db.transaction((i: number) => {
      const c = 1 + (i % contacts);
      seen.run('console', `f${i}`, i);
      session.run(c, state, i);
      out.run(`f${c}`, c, payload, i, i);
    });
    const t0 = nowMs();
    for (let i = 0; i < messages; i++) tx(i);
    return { perSecond: (messages / (nowMs() - t0)) * 1000 };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
