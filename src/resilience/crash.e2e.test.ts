/**
 * Crash anywhere: the REAL bot process (src/main.ts through tsx) polls a fake Telegram Bot API in
 * this process while 50 contacts walk menus and file complaints, and is killed with SIGKILL at
 * seeded moments (counted in messages, so a failure reproduces with the same CRASH_SEED) and
 * restarted on the same DATA_DIR. Kills land right after a send was delivered but before its
 * answer reached the bot, and right before an acknowledgement (getUpdates offset) is recorded.
 *
 * Afterwards:
 * - every update the fake saw acknowledged was handled exactly once: it has its inbound_seen row,
 *   and each contact's committed replies equal, text for text, those of a clean run of the same
 *   script (a second handling would add replies, a lost one would miss them);
 * - every committed reply was delivered: each outbox row is 'sent' and its platform_message_id is a
 *   message the fake delivered to that chat with that text; a delivery the outbox does not know is
 *   only allowed BEFORE the row's recorded delivery (the answer was lost in a kill), never after;
 * - every session is valid JSON of the current version; no case lacks its 'created' event.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { splitText, withBold } from '../channels/telegram/format.js';
import { SESSION_VERSION } from '../conversation/session.js';
import type { Lang, Outbound } from '../core/types.js';
import { FakeTelegram } from '../testing/fakeTelegram.js';
import { TestUser, createTestApp, tempDataDir } from '../testing/harness.js';
import { type Proc, runScript } from '../testing/processes.js';
import { seededRandom } from '../core/prng.js';

/** Change to reproduce another sequence of kills: CRASH_SEED=123 npx vitest run src/resilience/crash.e2e.test.ts */
const SEED = Number(process.env.CRASH_SEED ?? 20261127);
export const CONTACTS = 50;
export const KILLS = 12;
/** A contact sends its next message once the previous one is acknowledged and answered (or after this). */
const REPLY_WAIT_MS = 3000;
/** An "at the next acknowledgement" kill that finds none in this time kills anyway. */
const ARMED_KILL_MS = 1000;
const TEST_BUDGET_MS = 85_000;
const FIRST_USER = 7_100_001;


const LANG_KEY: Record<Lang, string> = { id: '1', en: '2', jv: '3' };
const WALKS: ((lang: Lang) => string[])[] = [
  () => ['6', '0', '7', '0', 'menu'],
  () => ['3', 'Maju Jaya', 'menu', '5', '0'],
  (lang) => ['4', '0', '8', LANG_KEY[lang], '6'],
];
const COMPLAINT = ['1', '1', '1', '1', '2', 'Taipei', 'Siti Aminah', 'PT Maju Jaya', 'Gaji saya belum dibayar selama tiga bulan.', 'done', '-', '1', '1'];

/** What contact i types, in order (time-independent flows, so a clean run gives the same replies). */
function scriptFor(i: number): { lang: Lang; messages: string[]; complaint: boolean } {
  const lang = (['id', 'en', 'jv'] as const)[i % 3];
  const complaint = i % 5 === 0;
  const tail = complaint ? COMPLAINT : WALKS[i % WALKS.length](lang);
  return { lang, complaint, messages: ['halo', LANG_KEY[lang], '2', ...tail] };
}

/** Replies compared across runs: digits vary (case references, PINs, dates), nothing else may. */
function normalize(text: string): string {
  return text.replace(/\d+/g, '#');
}

function payloadText(payload: string): string {
  return (JSON.parse(payload) as Outbound).text;
}

/** The committed replies of a clean, crash-free run of the same scripts, per chat. */
async function referenceTranscripts(): Promise<Map<string, string[]>> {
  const app = createTestApp();
  const out = new Map<string, string[]>();
  try {
    for (let i = 0; i < CONTACTS; i++) {
      const u = new TestUser(app, String(FIRST_USER + i), 'telegram');
      const texts: string[] = [];
      for (const m of scriptFor(i).messages) texts.push(...(await u.say(m)));
      out.set(u.chatId, texts.map(normalize));
    }
  } finally {
    await app.stop();
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let fake: FakeTelegram | undefined;
let bot: Proc | undefined;
afterAll(async () => {
  bot?.child.kill('SIGKILL');
  await fake?.close();
});

describe('crash anywhere', () => {
  it(`survives ${KILLS} SIGKILLs while ${CONTACTS} contacts talk: nothing lost, nothing handled twice, nothing half-written`, async () => {
    const started = Date.now();
    const reference = await referenceTranscripts();
    const expectedRows = [...reference.values()].reduce((n, t) => n + t.length, 0);

    const random = seededRandom(SEED);
    // Kill points, counted in sendMessage calls; half kill after a delivery, half before an ack.
    const points = new Set<number>();
    while (points.size < KILLS) points.add(Math.floor(expectedRows * (0.04 + 0.76 * random())));
    const plan = [...points].sort((a, b) => a - b).map((at, k) => ({ at, kind: k % 2 === 0 ? ('afterSend' as const) : ('beforeAck' as const) }));

    fake = await FakeTelegram.start();
    const tg = fake;
    const dataDir = tempDataDir('helpline-crash-');
    const env = {
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      LOG_LEVEL: 'warn',
      OUTBOX_TELEGRAM_PER_SECOND: '100',
    };
    const launch = () => (bot = runScript('src/main.ts', env));
    launch();

    let sends = 0;
    let kills = 0;
    let restarting = false;
    let armedAt = 0;
    const killNow = () => {
      if (restarting || !bot) return;
      restarting = true;
      armedAt = 0;
      kills++;
      const victim = bot;
      victim.child.kill('SIGKILL');
      void victim.exited.then(() => {
        launch();
        restarting = false;
      });
    };
    tg.intercept = ({ method, payload }, phase) => {
      if (restarting) return undefined;
      if (method === 'sendMessage' && phase === 'after') {
        sends++;
        const next = plan[kills];
        if (next && sends >= next.at) {
          if (next.kind === 'afterSend') {
            killNow(); // delivered, but the bot never learns its message id
            return 'drop';
          }
          armedAt ||= Date.now();
        }
      }
      if (method === 'getUpdates' && phase === 'before' && armedAt && Number(payload.offset ?? 0) > tg.confirmed) {
        killNow(); // the turns are committed, the acknowledgement never arrives: redelivery after restart
        return 'drop';
      }
      return undefined;
    };
    const armedTimer = setInterval(() => {
      if (armedAt && Date.now() - armedAt > ARMED_KILL_MS) killNow();
    }, 100);

    // The contacts: each message after the previous one was acknowledged and answered.
    const pushed: number[] = [];
    const driver = async (i: number) => {
      const chat = FIRST_USER + i;
      for (const text of scriptFor(i).messages) {
        const before = tg.textsTo(chat).length;
        const update = tg.userSays(chat, text);
        pushed.push(update.update_id);
        const t0 = Date.now();
        while (tg.confirmed <= update.update_id || (tg.textsTo(chat).length === before && Date.now() - t0 < REPLY_WAIT_MS)) {
          if (Date.now() - started > TEST_BUDGET_MS) throw new Error(`contact ${i} stuck at "${text}" (kills so far ${kills})`);
          await sleep(25);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: CONTACTS }, (_, i) => driver(i)));
      // Drain: every committed reply delivered, every update acknowledged.
      const dbPath = path.join(dataDir, 'helpline.sqlite');
      for (;;) {
        if (Date.now() - started > TEST_BUDGET_MS) throw new Error(`outbox did not drain (kills ${kills})`);
        if (!restarting && tg.pendingUpdates === 0 && fs.existsSync(dbPath)) {
          const ro = new Database(dbPath, { readonly: true, fileMustExist: true });
          const open = ro.prepare("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')").pluck().get() as number;
          const rows = ro.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number;
          ro.close();
          if (open === 0 && rows >= expectedRows) break;
        }
        await sleep(100);
      }
    } finally {
      clearInterval(armedTimer);
      tg.intercept = undefined;
    }
    // A clean stop, so the database is closed before it is inspected.
    bot!.child.kill('SIGTERM');
    await bot!.exited;

    const db = new Database(path.join(dataDir, 'helpline.sqlite'), { readonly: true });
    try {
      expect(kills).toBeGreaterThanOrEqual(10);

      // Acknowledged updates: all of them, each with its dedupe row.
      const seen = new Set(db.prepare("SELECT platform_id FROM inbound_seen WHERE channel = 'telegram'").pluck().all() as string[]);
      expect(Math.max(...pushed)).toBeLessThan(tg.confirmed);
      expect(pushed.filter((id) => !seen.has(String(id)))).toEqual([]);

      // Handled exactly once: each contact's committed replies are those of the clean run.
      const rows = db
        .prepare("SELECT id, chat_id, payload, state, platform_message_id FROM outbox WHERE channel = 'telegram' ORDER BY id")
        .all() as { id: number; chat_id: string; payload: string; state: string; platform_message_id: string | null }[];
      const committed = new Map<string, string[]>();
      for (const r of rows) committed.set(r.chat_id, [...(committed.get(r.chat_id) ?? []), normalize(payloadText(r.payload))]);
      for (const [chat, texts] of reference) expect({ chat, texts: committed.get(chat) }).toEqual({ chat, texts });
      expect(rows).toHaveLength(expectedRows);

      // Delivered: each row sent, its message id names a delivery of that text to that chat.
      const byId = new Map(tg.sent.map((m) => [String(m.messageId), m]));
      const confirmedIds = new Set<string>();
      for (const r of rows) {
        const text = payloadText(r.payload);
        expect(splitText(text).length).toBe(1);
        expect({ id: r.id, state: r.state, hasId: r.platform_message_id !== null }).toEqual({ id: r.id, state: 'sent', hasId: true });
        const m = byId.get(r.platform_message_id as string);
        expect(m && { chat: m.chatId, text: m.text }).toEqual({ chat: r.chat_id, text: withBold(text).text });
        expect(confirmedIds.has(r.platform_message_id as string)).toBe(false);
        confirmedIds.add(r.platform_message_id as string);
      }
      // Extra deliveries: only a send whose answer was lost, resent later (at least once); never a
      // resend of a row already marked sent with its message id.
      const extra = tg.sent.filter((m) => !confirmedIds.has(String(m.messageId)));
      for (const u of extra) {
        const later = rows.some((r) => {
          const m = byId.get(r.platform_message_id as string)!;
          return r.chat_id === u.chatId && m.text === u.text && m.messageId > u.messageId;
        });
        expect({ duplicate: u.messageId, resentLater: later }).toEqual({ duplicate: u.messageId, resentLater: true });
      }
      expect(extra.length).toBeLessThanOrEqual(kills * 8);

      // Sessions: valid JSON of the current version.
      for (const s of db.prepare('SELECT contact_id, state, version FROM sessions').all() as { contact_id: number; state: string; version: number }[]) {
        const parsed = JSON.parse(s.state) as { v: number; flow: unknown; step: unknown; data: unknown; trail: unknown };
        expect({ id: s.contact_id, v: parsed.v, version: s.version, trail: Array.isArray(parsed.trail), data: typeof parsed.data }).toEqual({
          id: s.contact_id,
          v: SESSION_VERSION,
          version: SESSION_VERSION,
          trail: true,
          data: 'object',
        });
      }
      // Cases: one per complaint script, each with exactly one 'created' event; no orphan events.
      const complaints = Array.from({ length: CONTACTS }, (_, i) => scriptFor(i)).filter((s) => s.complaint).length;
      expect(db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(complaints);
      expect(db.prepare("SELECT COUNT(*) FROM cases c WHERE (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'created') != 1").pluck().get()).toBe(0);
      expect(db.prepare('SELECT COUNT(*) FROM case_events e LEFT JOIN cases c ON c.id = e.case_id WHERE c.id IS NULL').pluck().get()).toBe(0);
      expect(db.prepare('SELECT COUNT(*) FROM cases WHERE pin_hash IS NULL OR ref IS NULL').pluck().get()).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

      // Figures for SECURITY.md.
      console.log(
        `crash test (seed ${SEED}): ${kills} kills survived, ${pushed.length} updates, ${rows.length} replies, ${extra.length} duplicate deliveries (answer lost in a kill), ${Math.round((Date.now() - started) / 1000)} s`,
      );
    } finally {
      db.close();
    }
  }, 100_000);
});
