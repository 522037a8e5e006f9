/**
 * Section (e), run in a child process: resident memory of the whole product as `npm start` builds
 * it without Chromium (App with HTTP, cron jobs, every feature's init, so the agency sample
 * register is loaded; the web chat channel from the configuration) holding 100,000 contacts with
 * sessions, after some turns: complaints walked to a stored case, then menu turns.
 */
import fs from 'node:fs';
import { App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { systemClock } from '../../src/core/clock.js';
import { RecordingChannel, tempDataDir } from '../../src/testing/harness.js';
import { channelsFromConfig } from '../../src/channels/fromConfig.js';
import { silentLogger } from '../../src/logger.js';
import { COMPLAINT_SCRIPT, MENU_SCRIPT } from './transcripts.js';

/** Contacts that walk the complaint transcript to a stored case before the menu turns. */
const COMPLAINTS = 40;

export interface MemoryResult {
  contacts: number;
  turns: number;
  cases: number;
  agencies: number;
  rssEmptyBytes: number;
  rssBytes: number;
  heapUsedBytes: number;
  peakRssBytes: number;
  dbBytes: number;
}

/** Fills an App with `contacts` contacts, runs `turns` turns on random ones, reports memory. */
export async function runMemory(contacts: number, turns: number): Promise<MemoryResult> {
  const dir = tempDataDir('helpline-bench-memory-');
  const config = parseConfig({ DATA_DIR: dir, HTTP_PORT: '0', LOG_LEVEL: 'silent' });
  const channels = [...(await channelsFromConfig(config, silentLogger)), new RecordingChannel('console')];
  const app = new App({ config, clock: systemClock, log: silentLogger, channels, pacing: { console: { perSecond: 1_000_000, perChatGapMs: 0, concurrency: 64 } } });
  try {
    await app.start();
    const rssEmptyBytes = process.memoryUsage().rss;
    const now = Date.now();
    const state = JSON.stringify({ v: 1, flow: 'main', step: 'menu', data: {}, trail: [] });
    app.db.transaction(() => {
      app.db
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
           INSERT INTO contacts (channel, chat_id, language, subscribed, created_at, last_inbound_at)
           SELECT 'console', 'm' || i, CASE i % 3 WHEN 0 THEN 'id' WHEN 1 THEN 'en' ELSE 'jv' END, 1, ?, ? FROM n`,
        )
        .run(contacts, now, now);
      app.db.prepare('INSERT INTO sessions (contact_id, state, version, updated_at) SELECT id, ?, 1, ? FROM contacts').run(state, now);
    })();
    // Sessions start in the main menu with a language: the complaint from its first menu answer on.
    const complaint = COMPLAINT_SCRIPT.steps.slice(3);
    const walkers = Math.min(COMPLAINTS, Math.floor(turns / complaint.length / 2));
    let done = 0;
    for (const [p, step] of complaint.entries()) {
      for (let c = 1; c <= walkers; c++) {
        await app.router.handle({ channel: 'console', chatId: `m${c}`, platformId: `memc${c}:${p}`, text: step.text, receivedAt: Date.now() });
        done++;
      }
      await new Promise((r) => setImmediate(r));
    }
    const cases = app.db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number;
    if (cases !== walkers) throw new Error(`memory run: ${cases} cases stored after ${walkers} complaint walks`);
    const steps = MENU_SCRIPT.steps.slice(2);
    for (let i = done; i < turns; i++) {
      const who = walkers + 1 + Math.floor(Math.random() * (contacts - walkers));
      await app.router.handle({ channel: 'console', chatId: `m${who}`, platformId: `mem${i}`, text: steps[i % steps.length].text, receivedAt: Date.now() });
      if (i % 64 === 0) await new Promise((r) => setImmediate(r));
    }
    await app.drain(30_000);
    await new Promise((r) => setTimeout(r, 300));
    const mem = process.memoryUsage();
    const dbBytes = fs.statSync(config.DB_PATH).size + (fs.existsSync(`${config.DB_PATH}-wal`) ? fs.statSync(`${config.DB_PATH}-wal`).size : 0);
    const agencies = app.db.prepare('SELECT COUNT(*) FROM agencies').pluck().get() as number;
    return { contacts, turns, cases, agencies, rssEmptyBytes, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, peakRssBytes: process.resourceUsage().maxRSS * 1024, dbBytes };
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
