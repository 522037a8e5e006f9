/**
 * Section (b, end to end): a bot talking HTTP to the fake Bot API server on 127.0.0.1 by long
 * polling. N simulated users each send the next message of the transcript once the bot's replies
 * to the previous one arrived; latency is from the update being queued at the fake server to the
 * last expected sendMessage for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { App } from '../../src/app.js';
import { channelsFromConfig } from '../../src/channels/fromConfig.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { tempDataDir } from '../../src/testing/harness.js';
import { FakeBotApi } from './fakeBotApi.js';
import { createPeerBot } from './peer/bot.js';
import { openPeerDatabase } from './peer/sqliteStorage.js';
import { nowMs } from './stats.js';
import type { Script } from './transcripts.js';
import type { WalkResult } from './walk.js';

/** How long one message may wait for its replies before the run is declared stuck. */
const REPLY_TIMEOUT_MS = 15_000;

export type E2eResult = { status: 'ok'; walk: WalkResult } | { status: 'pending'; reason: string } | { status: 'failed'; reason: string };

/** Drives `users` users through `script` against whatever bot listens on `api` for `token`. */
async function drive(api: FakeBotApi, token: string, users: number, script: Script, repliesPerStep: number[]): Promise<WalkResult> {
  const received = new Map<number, number>();
  const waiters = new Map<number, { need: number; resolve: () => void }>();
  api.onSend = (m) => {
    if (m.token !== token) return;
    const n = (received.get(m.chatId) ?? 0) + 1;
    received.set(m.chatId, n);
    const w = waiters.get(m.chatId);
    if (w && n >= w.need) {
      waiters.delete(m.chatId);
      w.resolve();
    }
  };
  const length = script.steps.length;
  const byPosition: number[][] = Array.from({ length }, () => []);
  const all: number[] = [];
  const t0 = nowMs();
  const c0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      const chatId = 900_000 + u;
      let need = 0;
      for (let p = 0; p < length; p++) {
        need += repliesPerStep[p];
        const s = nowMs();
        const arrived = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no reply to message ${p + 1} for user ${u} within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
          waiters.set(chatId, { need, resolve: () => (clearTimeout(timer), resolve()) });
        });
        api.pushText(token, chatId, script.steps[p].text);
        await arrived;
        const d = nowMs() - s;
        byPosition[p].push(d);
        all.push(d);
      }
    }),
  );
  const elapsedMs = nowMs() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const messages = users * length;
  return { messages, elapsedMs, perSecond: (messages / elapsedMs) * 1000, cpuMs, perCpuSecond: (messages / cpuMs) * 1000, all, byPosition };
}

/** The grammY conversations peer, polling the fake server. */
export async function runPeerEndToEnd(users: number, script: Script, repliesPerStep: number[]): Promise<E2eResult> {
  const api = new FakeBotApi();
  const apiRoot = await api.start();
  const dir = tempDataDir('helpline-bench-peer-e2e-');
  const db = openPeerDatabase(path.join(dir, 'peer.sqlite'));
  const token = '4343:peer';
  const bot = createPeerBot({ token, db, apiRoot });
  bot.catch(() => undefined);
  const running = bot.start({ drop_pending_updates: false, timeout: 1 });
  try {
    return { status: 'ok', walk: await drive(api, token, users, script, repliesPerStep) };
  } catch (err) {
    return { status: 'failed', reason: err instanceof Error ? err.message : String(err) };
  } finally {
    await bot.stop();
    await running.catch(() => undefined);
    await api.stop();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Our bot with its real Telegram channel (from `channelsFromConfig`, TELEGRAM_API_ROOT pointing at
 * the same fake server the peer polls). The fake in src/testing/fakeTelegram.ts serves one token
 * and records every call; this one serves both bots and tells `drive` about each send as it lands.
 */
export async function runOursEndToEnd(users: number, script: Script, repliesPerStep: number[]): Promise<E2eResult> {
  const api = new FakeBotApi();
  const apiRoot = await api.start();
  const dir = tempDataDir('helpline-bench-e2e-');
  const token = '4444:ours';
  const config = parseConfig({ DATA_DIR: dir, HTTP_PORT: '0', LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot });
  let app: App | undefined;
  try {
    const channels = (await channelsFromConfig(config, silentLogger)).filter((c) => c.name === 'telegram');
    if (!channels.length) return { status: 'failed', reason: 'channelsFromConfig returned no Telegram channel for TELEGRAM_BOT_TOKEN' };
    // Unthrottled like the peer (which has no limiter): this compares the bots, not the pacing.
    app = new App({ config, log: silentLogger, http: false, scheduler: false, channels, pacing: { telegram: { perSecond: 1_000_000, perChatGapMs: 0, concurrency: 8 } } });
    await app.start();
    return { status: 'ok', walk: await drive(api, token, users, script, repliesPerStep) };
  } catch (err) {
    return { status: 'failed', reason: err instanceof Error ? err.message : String(err) };
  } finally {
    await app?.stop();
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
