/**
 * Golden transcripts: conversation tests kept as files (src/testing/golden/<flow>.<lang>.txt), in
 * the manner of goflow's test runner. A file holds the script (what each person typed, and a few
 * set-up steps) and, generated from it, every reply and the database rows that matter. The runner
 * (golden.test.ts) replays the script through the real App and compares; with GOLDEN_WRITE=1 it
 * rewrites the files instead, and the diff is what a reviewer reads.
 *
 * Script lines (kept as written; everything else is regenerated):
 *   > text         the current person types `text` (`\n` for a line break; `{pin1}`, `{code1}` for a masked value)
 *   @name          switch person: `officer`, `officer2` are configured officers on Telegram (chats 9001,
 *                  9002; `officer`'s chat is linked to an admin account, so it may broadcast to
 *                  everyone); any other name is a contact on the terminal channel with that chat id
 *   ! start [lang] [subscribe]   the current person greets, picks a language (default: the file's)
 *                                and answers the announcements question (no, unless `subscribe`)
 *   ! send image [caption]       the current person sends a file (image, voice, document or sticker)
 *   ! agencies     load the small fictional test register (src/testing/agencyRegister.ts)
 *   ! advance 90m | 2h | 1d      move the clock
 *   ! job NAME     run a scheduled job of a feature once (e.g. `broadcasts`, `gatherings`)
 *   ! session PROGRAM QUOTA PLACE…   an officer's programme session (Sat 5 Dec 2026 09:00 home time, 3 hours)
 *   # text         a comment (after the header)
 * Generated lines: `< text` a reply to the current person, `<@name text` a message to someone else,
 * continuation lines indented by two spaces, and the `## rows` section at the end.
 */
import fs from 'node:fs';
import { TestUser, createTestApp } from './harness.js';
import { TEST_REGISTER_CSV } from './agencyRegister.js';
import { importAgencies } from '../domain/agencies/importer.js';
import { LANGUAGES, type ChannelName, type Lang, type MediaKind, type Outbound } from '../core/types.js';
import { seededRandom } from '../core/prng.js';
import { createSession } from '../domain/gatherings/sessions.js';

/** The clock every transcript starts at: Fri 27 Nov 2026 10:00 WIB. */
export const GOLDEN_START = Date.UTC(2026, 10, 27, 3, 0, 0);
/** Seed for anything a transcript generates (platform message ids). */
export const GOLDEN_SEED = 20261127;
/** Officer chats (Telegram) configured in every transcript's app. */
export const OFFICER_CHATS = ['9001', '9002'];
/** What `! send KIND` announces, per kind. */
const MEDIA_MIME: Partial<Record<MediaKind, string>> = { image: 'image/jpeg', voice: 'audio/ogg', document: 'application/pdf', sticker: 'image/webp' };
/** The heading of the rows section (the script ends there). */
const ROWS_HEADING = '## rows';
/** Masks: a PIN shown once to the reporter becomes {pinN}. */
const PIN_PATTERN = /PIN[^*\n]{0,40}\*(\d{6})\*/g;
/** Masks: a broadcast's check code (a keyed hash, different in every data folder) becomes {codeN}. */
const CODE_PATTERN = /(?:Kode cek|Check code|Kode priksa): ([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})/g;

const HEADER_START = '# Golden transcript:';

/** The first lines of every file: how it is made and how to change it. */
export function goldenHeader(flow: string, lang: Lang): string[] {
  return [
    `${HEADER_START} ${flow} (${lang}). Replayed by src/testing/golden.test.ts against the real App.`,
    '# Edit only the script lines (`> typed text`, `@person`, `! step`, `# comment`); then regenerate with',
    '#   GOLDEN_WRITE=1 npx vitest run src/testing/golden.test.ts   (or: npm run golden:write)',
    '# and review the diff. `<` is a reply to the current person, `<@name` a message to someone else;',
    '# PINs are masked as {pinN}. See src/testing/golden.ts for every step and docs/TESTING.md.',
  ];
}

export type ScriptLine =
  | { kind: 'say'; text: string }
  | { kind: 'actor'; name: string }
  | { kind: 'step'; name: string; args: string[] }
  | { kind: 'comment'; text: string };

/** The script lines of a golden file: the header, replies and rows are dropped (they are regenerated). */
export function parseScript(source: string): ScriptLine[] {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  // The generated header runs to the first blank line; a new file may have none.
  if (lines[0]?.startsWith(HEADER_START)) while (i < lines.length && lines[i] !== '') i++;
  const out: ScriptLine[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith(ROWS_HEADING)) break;
    if (line.startsWith('> ') || line === '>') out.push({ kind: 'say', text: line.slice(2).replace(/\\n/g, '\n') });
    else if (/^@\S+$/.test(line)) out.push({ kind: 'actor', name: line.slice(1) });
    else if (line.startsWith('! ')) {
      const [name, ...args] = line.slice(2).trim().split(/\s+/);
      out.push({ kind: 'step', name, args });
    } else if (line.startsWith('#')) out.push({ kind: 'comment', text: line });
    // '<' replies, their indented continuations and blank lines are output.
  }
  return out;
}

interface Actor {
  name: string;
  user: TestUser;
}

/** Replays a script on a fresh App; returns the whole file as it should read. */
export async function replayGolden(flow: string, lang: Lang, script: ScriptLine[]): Promise<string> {
  const app = createTestApp({ env: { OFFICER_TELEGRAM_IDS: OFFICER_CHATS.join(',') } });
  app.manualClock.set(GOLDEN_START);
  const random = seededRandom(GOLDEN_SEED);
  const actors = new Map<string, Actor>();
  const masks = new Map<string, string>(); // real value -> {name}
  const notifications: number[] = []; // outbox rows to someone other than the person typing
  const out: string[] = [...goldenHeader(flow, lang), ''];
  let cursor = 0;
  let files = 0;
  let current: Actor | undefined;
  /** A blank line before each turn, for the eye (not after a person switch, a comment or a step). */
  const gap = (): void => {
    const last = out[out.length - 1];
    if (last !== '' && !/^[@#!]/.test(last)) out.push('');
  };

  // `officer` acts as an admin (roles: a broadcast to everyone is an admin's): its chat is linked to an account.
  const linkAdmin = (user: TestUser): void => {
    const c = user.contact();
    if (c && !app.db.prepare('SELECT 1 FROM officers WHERE contact_id = ?').get(c.id)) {
      app.db.prepare("INSERT INTO officers (username, password_hash, role, contact_id, created_at, updated_at) VALUES ('golden-admin', '-', 'admin', ?, 0, 0)").run(c.id);
    }
  };
  const actor = (name: string): Actor => {
    let a = actors.get(name);
    if (!a) {
      const officer = /^officer(\d*)$/.exec(name);
      const [channel, chatId]: [ChannelName, string] = officer
        ? ['telegram', OFFICER_CHATS[Number(officer[1] || 1) - 1] ?? `90${officer[1]}`]
        : ['console', name];
      a = { name, user: new TestUser(app, chatId, channel) };
      actors.set(name, a);
    }
    return a;
  };
  const who = (channel: string, chatId: string): string =>
    [...actors.values()].find((a) => a.user.channel === channel && a.user.chatId === chatId)?.name ?? `${channel}:${chatId}`;
  const mask = (text: string): string => {
    for (const m of text.matchAll(PIN_PATTERN)) if (!masks.has(m[1])) masks.set(m[1], `{pin${[...masks.values()].filter((v) => v.startsWith('{pin')).length + 1}}`);
    for (const m of text.matchAll(CODE_PATTERN)) if (!masks.has(m[1])) masks.set(m[1], `{code${[...masks.values()].filter((v) => v.startsWith('{code')).length + 1}}`);
    let s = text;
    for (const [value, name] of masks) s = s.split(value).join(name);
    return s;
  };
  const unmask = (text: string): string => {
    let s = text;
    for (const [value, name] of masks) s = s.split(name).join(value);
    return s;
  };
  /** Renders every outbox row written since the last call (or skips them). */
  const flush = (render: boolean): void => {
    const rows = app.db
      .prepare('SELECT id, channel, chat_id AS chatId, payload FROM outbox WHERE id > ? ORDER BY id')
      .all(cursor) as { id: number; channel: string; chatId: string; payload: string }[];
    if (rows.length) cursor = rows[rows.length - 1].id;
    if (!render) return;
    for (const r of rows) {
      const msg = JSON.parse(r.payload) as Outbound;
      const to = who(r.channel, r.chatId);
      const toCurrent = current !== undefined && to === current.name;
      if (!toCurrent) notifications.push(r.id);
      const prefix = toCurrent ? '< ' : `<@${to} `;
      const lines = mask(msg.text).split('\n');
      if (msg.media) lines.push(`[file: ${msg.media.fileName ?? 'unnamed'} (${msg.media.mime})]`);
      out.push(prefix + lines[0], ...lines.slice(1).map((l) => `  ${l}`.trimEnd()));
    }
  };

  try {
    for (const line of script) {
      switch (line.kind) {
        case 'comment':
          gap();
          out.push(line.text);
          break;
        case 'actor':
          current = actor(line.name);
          gap();
          out.push(`@${line.name}`);
          break;
        case 'say': {
          current ??= actor('user');
          gap();
          out.push(`> ${line.text.replace(/\n/g, '\\n')}`);
          await current.user.send(unmask(line.text), { platformId: `g${Math.floor(random() * 1e12)}` });
          if (current.name === 'officer') linkAdmin(current.user);
          flush(true);
          break;
        }
        case 'step':
          current ??= actor('user');
          gap();
          out.push(`! ${[line.name, ...line.args].join(' ')}`);
          await runStep(line.name, line.args);
          flush(line.name !== 'start');
          break;
      }
    }
    flush(true);
    out.push('', ROWS_HEADING, ...renderRows(app, who, notifications));
  } finally {
    await app.stop();
    fs.rmSync(app.config.DATA_DIR, { recursive: true, force: true });
  }
  return out.join('\n') + '\n';

  async function runStep(name: string, args: string[]): Promise<void> {
    switch (name) {
      case 'start': {
        const l = (args.find((a) => (LANGUAGES as readonly string[]).includes(a)) as Lang | undefined) ?? lang;
        await current!.user.start(l, args.includes('subscribe'));
        if (current!.name === 'officer') linkAdmin(current!.user);
        return;
      }
      case 'send': {
        // A file as the platform announces it; the bytes are fetched later by the media job.
        const kind = (args[0] ?? 'image') as MediaKind;
        const mime = MEDIA_MIME[kind];
        if (!mime) throw new Error(`! send wants one of ${Object.keys(MEDIA_MIME).join(', ')}, not "${args[0]}"`);
        await current!.user.send(args.slice(1).join(' '), { media: { kind, mime, size: 50_000, ref: `file-${++files}` }, platformId: `g${Math.floor(random() * 1e12)}` });
        return;
      }
      case 'agencies':
        importAgencies(app.db, TEST_REGISTER_CSV, { source: 'test register', now: app.clock.now() });
        return;
      case 'advance': {
        const m = /^(\d+)([mhd])$/.exec(args[0] ?? '');
        if (!m) throw new Error(`! advance wants 90m, 2h or 1d, not "${args[0]}"`);
        app.manualClock.advance(Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd']);
        return;
      }
      case 'job': {
        const job = app.jobs().find((j) => j.name === args[0]);
        if (!job) throw new Error(`no job "${args[0]}"; jobs: ${app.jobs().map((j) => j.name).join(', ')}`);
        await job.run();
        return;
      }
      case 'session': {
        const [program, quota, ...place] = args;
        if (!program || !/^\d+$/.test(quota ?? '')) throw new Error('! session wants PROGRAM QUOTA [PLACE…], e.g. "! session skills 1 BLK Banyuwangi"');
        const title = { id: 'Pelatihan tata boga', en: 'Cooking training', jv: 'Pelatihan olah-olah' };
        const session = { program, title, startLocal: '2026-12-05T09:00', timezone: app.config.HOME_TIMEZONE, durationMin: 180, quota: Number(quota), createdBy: 'golden' };
        app.db.transaction(() => createSession(app.db, { ...session, place: place.join(' ') || null, link: place.length ? '' : 'https://meet.example.org/session' }, app.clock.now()))();
        return;
      }
      default:
        throw new Error(`unknown step "! ${name}" (see src/testing/golden.ts)`);
    }
  }
}

/** The rows that matter, per table, one JSON object a line; empty tables are left out. */
const ROW_QUERIES: Record<string, string> = {
  contacts: `SELECT id, channel, chat_id, language, role, audience, country, subscribed, consent_at IS NOT NULL AS consent FROM contacts ORDER BY id`,
  cases: `SELECT ref, kind, reporter_contact_id AS reporter, anonymous, on_behalf, category, country, city, worker_name, agency_text, agency_license,
            description, contact_pref, language, status, urgent, urgent_reason, assignee_contact_id AS assignee, pin_hash IS NOT NULL AS pin, erased_at IS NOT NULL AS erased
          FROM cases ORDER BY id`,
  case_events: `SELECT c.ref, e.actor, e.kind, e.status, e.text FROM case_events e JOIN cases c ON c.id = e.case_id ORDER BY e.id`,
  attachments: `SELECT c.ref, a.kind, a.mime, a.state FROM attachments a JOIN cases c ON c.id = a.case_id ORDER BY a.id`,
  gatherings: `SELECT id, title, start_local, recurrence, audience, state, created_by FROM gatherings ORDER BY id`,
  gathering_rsvps: `SELECT r.occurrence_id AS occurrence, r.contact_id AS contact, r.answer FROM gathering_rsvps r ORDER BY r.occurrence_id, r.contact_id`,
  gathering_waitlist: `SELECT occurrence_id AS occurrence, contact_id AS contact, name FROM gathering_waitlist ORDER BY created_at, contact_id`,
  gathering_reminders: `SELECT occurrence_id AS occurrence, contact_id AS contact, kind, due_at, state FROM gathering_reminders ORDER BY id`,
  broadcasts: `SELECT id, audience, texts, urgent, scheduled_at, state, created_by, recipients, sent_count, skipped_count, cancelled_count FROM broadcasts ORDER BY id`,
  satisfaction_surveys: `SELECT c.ref, s.contact_id AS contact, s.state, s.score, s.comment FROM satisfaction_surveys s JOIN cases c ON c.id = s.case_id ORDER BY s.id`,
  audit: `SELECT actor, action, subject, detail FROM audit ORDER BY id`,
  // Messages to someone other than the person typing (alerts to officers, relayed replies, broadcasts).
  notifications: `SELECT channel, chat_id, priority, state, broadcast_id FROM outbox WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
};

function renderRows(app: ReturnType<typeof createTestApp>, who: (channel: string, chatId: string) => string, notifications: number[]): string[] {
  const out: string[] = [];
  for (const [table, sql] of Object.entries(ROW_QUERIES)) {
    const stmt = app.db.prepare(sql);
    const rows = (stmt.reader && sql.includes('?') ? stmt.all(JSON.stringify(notifications)) : stmt.all()) as Record<string, unknown>[];
    if (!rows.length) continue;
    out.push(`${table}:`);
    for (const row of rows) {
      const r: Record<string, unknown> = {};
      if ('chat_id' in row) {
        r.who = who(String(row.channel), String(row.chat_id));
        delete row.chat_id;
      }
      for (const [k, v] of Object.entries(row)) r[k] = /_at$/.test(k) && typeof v === 'number' ? new Date(v).toISOString() : v;
      out.push(`  ${JSON.stringify(r)}`);
    }
  }
  return out;
}

/** Reads a golden file; undefined when it does not exist. */
export function readGolden(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}
