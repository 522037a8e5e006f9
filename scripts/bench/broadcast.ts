/**
 * Section (c), run in a child process so its peak memory is its own: 100,000 generated contacts,
 * 100,000 broadcast rows enqueued in one INSERT ... SELECT (or through the broadcasts feature's
 * `enqueueBroadcastBench(app, n)` once merged), then delivery through the real Dispatcher with the
 * configured Telegram pacing to a fake platform that answers 429 past that rate.
 */
import fs from 'node:fs';
import { App, pacingFromConfig } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { systemClock } from '../../src/core/clock.js';
import { SendError } from '../../src/core/errors.js';
import type { Channel, ChannelHealth, Outbound, SendResult } from '../../src/core/types.js';
import { PRIORITY } from '../../src/outbox/store.js';
import { tempDataDir } from '../../src/testing/harness.js';
import { describeResult, findExport } from './optional.js';
import { nowMs } from './stats.js';

/** A platform that accepts `limit` messages in any one-second window and answers 429 beyond. */
export class RateLimitedPlatform implements Channel {
  readonly name = 'telegram' as const;
  private readonly times: number[] = [];
  sent = 0;
  tooMany = 0;
  firstAt = 0;

  constructor(private readonly limit: number) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  health(): ChannelHealth {
    return { state: 'up' };
  }
  async send(_chatId: string, _msg: Outbound): Promise<SendResult> {
    const now = nowMs();
    while (this.times.length && now - this.times[0] >= 1000) this.times.shift();
    if (this.times.length >= this.limit) {
      this.tooMany++;
      throw new SendError('429 Too Many Requests: retry after 1', 'transient', 1000);
    }
    this.times.push(now);
    if (!this.sent++) this.firstAt = now;
    return { platformMessageId: String(this.sent) };
  }
}

export interface BroadcastResult {
  recipients: number;
  insertContactsMs: number;
  enqueueMs: number;
  enqueuedRows: number;
  feature?: { file: string; ms: number; result: string };
  configuredPerSecond: number;
  windowSeconds: number;
  delivered: number;
  /** From the dispatcher's start to the first send. */
  startupMs: number;
  deliveredPerSecond: number;
  tooMany: number;
  peakRssBytes: number;
}

/** Runs the broadcast section in this process (call it in a child). */
export async function runBroadcast(recipients: number, windowSeconds: number): Promise<BroadcastResult> {
  const dir = tempDataDir('helpline-bench-broadcast-');
  const config = parseConfig({ DATA_DIR: dir, HTTP_PORT: '0', LOG_LEVEL: 'silent' });
  const platform = new RateLimitedPlatform(config.OUTBOX_TELEGRAM_PER_SECOND);
  const app = new App({ config, clock: systemClock, http: false, scheduler: false, channels: [platform] });
  try {
    const now = Date.now();
    let t = nowMs();
    app.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO contacts (channel, chat_id, language, subscribed, created_at)
         SELECT 'telegram', CAST(100000000 + i AS TEXT), CASE i % 3 WHEN 0 THEN 'id' WHEN 1 THEN 'en' ELSE 'jv' END, 1, ? FROM n`,
      )
      .run(recipients, now);
    const insertContactsMs = nowMs() - t;
    // One INSERT ... SELECT: the text is rendered once per language, not once per recipient.
    const texts = { id: 'Pengumuman: silaturahmi online Sabtu 19.00 WIB.', en: 'Announcement: online family gathering Saturday 19:00 WIB.', jv: 'Wara-wara: silaturahmi online Setu jam 19.00 WIB.' };
    t = nowMs();
    const enqueuedRows = app.db
      .prepare(
        `INSERT INTO outbox (channel, chat_id, contact_id, payload, priority, broadcast_id, next_attempt_at, created_at)
         SELECT channel, chat_id, id, CASE language WHEN 'en' THEN @en WHEN 'jv' THEN @jv ELSE @id END, @priority, 1, @now, @now
         FROM contacts WHERE subscribed IS NOT 0 AND unreachable_at IS NULL AND role = 'user'`,
      )
      .run({ ...Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, JSON.stringify({ text: v })])), priority: PRIORITY.broadcast, now }).changes;
    const enqueueMs = nowMs() - t;
    let feature: BroadcastResult['feature'];
    const found = await findExport<(app: App, n: number) => unknown>('enqueueBroadcastBench');
    if (found) {
      app.db.prepare('DELETE FROM outbox').run();
      t = nowMs();
      const result = await found.fn(app, recipients);
      feature = { file: found.file, ms: nowMs() - t, result: describeResult(result) };
    }
    await app.start();
    // The rate is measured from the first send on (steady state, as in an hour-long broadcast).
    const started = nowMs();
    while (!platform.sent && nowMs() - started < 10_000) await new Promise((r) => setTimeout(r, 5));
    const startupMs = nowMs() - started;
    await new Promise((r) => setTimeout(r, windowSeconds * 1000));
    const delivered = platform.sent;
    const elapsed = (nowMs() - platform.firstAt) / 1000;
    return {
      recipients,
      insertContactsMs,
      enqueueMs,
      enqueuedRows,
      feature,
      configuredPerSecond: pacingFromConfig(config).telegram.perSecond,
      windowSeconds: elapsed,
      delivered,
      startupMs,
      deliveredPerSecond: delivered / elapsed,
      tooMany: platform.tooMany,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
