/**
 * Section (c), run in a child process so its peak memory is its own. Enqueue: the broadcasts
 * feature's own benchmark (`benchBroadcastEnqueue`, createBroadcast on 100,000 subscribed contacts),
 * and the same createBroadcast inside the App whose Dispatcher then delivers the rows with the
 * Telegram pacing rule to a fake platform that answers 429 past the configured rate in any
 * one-second window (counted where the send arrives, optionally after random network jitter).
 */
import fs from 'node:fs';
import { App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { systemClock } from '../../src/core/clock.js';
import { SendError } from '../../src/core/errors.js';
import type { Channel, ChannelHealth, Outbound, SendResult } from '../../src/core/types.js';
import { createBroadcast } from '../../src/domain/broadcasts/store.js';
import { TELEGRAM_RATE_MARGIN, telegramPacing } from '../../src/outbox/pacing.js';
import { tempDataDir } from '../../src/testing/harness.js';
import { type EnqueueBenchResult, benchBroadcastEnqueue } from './broadcastEnqueue.js';
import { nowMs } from './stats.js';

/**
 * A platform that accepts `limit` messages in any one-second window and answers 429 beyond. With
 * `jitterMs`, each send "travels" a random 0..jitterMs before it is counted, as requests over the
 * internet arrive with varying delay (the fake itself is on loopback).
 */
export class RateLimitedPlatform implements Channel {
  readonly name = 'telegram' as const;
  private readonly times: number[] = [];
  sent = 0;
  tooMany = 0;
  firstAt = 0;

  constructor(
    private readonly limit: number,
    private readonly jitterMs = 0,
  ) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  health(): ChannelHealth {
    return { state: 'up' };
  }
  async send(_chatId: string, _msg: Outbound): Promise<SendResult> {
    if (this.jitterMs) await new Promise((r) => setTimeout(r, Math.random() * this.jitterMs));
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

export interface DeliveryRun {
  /** Share of the configured rate the pacing rule uses. */
  margin: number;
  jitterMs: number;
  ruleRate: number;
  windowSeconds: number;
  delivered: number;
  /** From the dispatcher's start to the first send. */
  startupMs: number;
  deliveredPerSecond: number;
  tooMany: number;
}

export interface BroadcastResult {
  feature: EnqueueBenchResult;
  recipients: number;
  /** createBroadcast inside the App (same path as the API and /broadcast), before delivery. */
  appEnqueueMs: number;
  appEnqueuedRows: number;
  configuredPerSecond: number;
  productMargin: number;
  runs: DeliveryRun[];
  peakRssBytes: number;
}

/** Seeds `recipients` subscribed Telegram contacts, enqueues one broadcast, delivers for `windowSeconds`. */
async function deliver(recipients: number, windowSeconds: number, margin: number, jitterMs: number): Promise<{ run: DeliveryRun; enqueueMs: number; rows: number; configured: number }> {
  const dir = tempDataDir('helpline-bench-broadcast-');
  const config = parseConfig({ DATA_DIR: dir, HTTP_PORT: '0', LOG_LEVEL: 'silent' });
  const platform = new RateLimitedPlatform(config.OUTBOX_TELEGRAM_PER_SECOND, jitterMs);
  const rule = { ...telegramPacing(config.OUTBOX_TELEGRAM_PER_SECOND), perSecond: config.OUTBOX_TELEGRAM_PER_SECOND * margin };
  const app = new App({ config, clock: systemClock, http: false, scheduler: false, channels: [platform], pacing: { telegram: rule } });
  try {
    const now = Date.now();
    app.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO contacts (channel, chat_id, language, subscribed, audience, last_inbound_at, created_at)
         SELECT 'telegram', CAST(100000000 + i AS TEXT), CASE i % 3 WHEN 0 THEN 'id' WHEN 1 THEN 'en' ELSE 'jv' END, 1, 'worker', ?, ? FROM n`,
      )
      .run(recipients, now, now);
    const t = nowMs();
    const { broadcast } = app.notifier.transaction(
      (out) =>
        createBroadcast(
          { db: app.db, translator: app.translator, defaultLang: config.DEFAULT_LANGUAGE, dataDir: config.DATA_DIR },
          out,
          { audience: { kind: 'everyone' }, texts: { id: 'Silaturahmi online Sabtu 19.00 WIB.', en: 'Online family gathering Saturday 19:00 WIB.', jv: 'Silaturahmi online Setu jam 19.00 WIB.' }, urgent: false, scheduledAt: null, createdBy: 'bench' },
          now,
        ),
      now,
    );
    const enqueueMs = nowMs() - t;
    await app.start();
    // The rate is measured from the first send on (steady state, as in an hour-long broadcast).
    const started = nowMs();
    while (!platform.sent && nowMs() - started < 10_000) await new Promise((r) => setTimeout(r, 5));
    const startupMs = nowMs() - started;
    await new Promise((r) => setTimeout(r, windowSeconds * 1000));
    const delivered = platform.sent;
    const elapsed = (nowMs() - platform.firstAt) / 1000;
    const run = { margin, jitterMs, ruleRate: rule.perSecond, windowSeconds: elapsed, delivered, startupMs, deliveredPerSecond: delivered / elapsed, tooMany: platform.tooMany };
    return { run, enqueueMs, rows: broadcast.recipients ?? 0, configured: config.OUTBOX_TELEGRAM_PER_SECOND };
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the broadcast section in this process (call it in a child). `variants` are extra delivery
 * runs as "margin:jitterMs" (e.g. "0.97:50"); the product's rule always runs, without and with jitter.
 */
export async function runBroadcast(recipients: number, windowSeconds: number, jitterMs: number, variants: string[] = []): Promise<BroadcastResult> {
  const feature = benchBroadcastEnqueue(recipients);
  const first = await deliver(recipients, windowSeconds, TELEGRAM_RATE_MARGIN, 0);
  const runs = [first.run];
  if (jitterMs > 0) runs.push((await deliver(Math.min(recipients, 20_000), windowSeconds, TELEGRAM_RATE_MARGIN, jitterMs)).run);
  for (const v of variants) {
    const [m, j] = v.split(':').map(Number);
    runs.push((await deliver(Math.min(recipients, 20_000), windowSeconds, m, j || 0)).run);
  }
  return {
    feature,
    recipients,
    appEnqueueMs: first.enqueueMs,
    appEnqueuedRows: first.rows,
    configuredPerSecond: first.configured,
    productMargin: TELEGRAM_RATE_MARGIN,
    runs,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}
