/**
 * Section (e), run in a child process: resident memory of a bot process (App with HTTP, no
 * Chromium) holding 100,000 contacts with sessions, after some turns.
 */
import fs from 'node:fs';
import { App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { systemClock } from '../../src/core/clock.js';
import { RecordingChannel, tempDataDir } from '../../src/testing/harness.js';
import { MENU_SCRIPT } from './transcripts.js';

export interface MemoryResult {
  contacts: number;
  turns: number;
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
  const app = new App({ config, clock: systemClock, scheduler: false, channels: [new RecordingChannel('console')], pacing: { console: { perSecond: 1_000_000, perChatGapMs: 0, concurrency: 64 } } });
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
    const steps = MENU_SCRIPT.steps.slice(2);
    for (let i = 0; i < turns; i++) {
      const who = 1 + Math.floor(Math.random() * contacts);
      await app.router.handle({ channel: 'console', chatId: `m${who}`, platformId: `mem${i}`, text: steps[i % steps.length].text, receivedAt: Date.now() });
      if (i % 64 === 0) await new Promise((r) => setImmediate(r));
    }
    await app.drain(30_000);
    await new Promise((r) => setTimeout(r, 300));
    const mem = process.memoryUsage();
    const dbBytes = fs.statSync(config.DB_PATH).size + (fs.existsSync(`${config.DB_PATH}-wal`) ? fs.statSync(`${config.DB_PATH}-wal`).size : 0);
    return { contacts, turns, rssEmptyBytes, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, peakRssBytes: process.resourceUsage().maxRSS * 1024, dbBytes };
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
