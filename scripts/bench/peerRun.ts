/**
 * Section (b, in-process): the grammY conversations peer fed with `bot.handleUpdate(update)`, its
 * Bot API calls answered by a canned `client.fetch`, walking the complaint transcript.
 */
import fs from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../src/testing/harness.js';
import { PEER_BOT_INFO, createPeerBot } from './peer/bot.js';
import { openPeerDatabase } from './peer/sqliteStorage.js';
import { cannedFetch, textUpdate } from './peer/updates.js';
import { COMPLAINT_SCRIPT } from './transcripts.js';
import { type WalkResult, walk } from './walk.js';

export interface PeerRun {
  walk: WalkResult;
  repliesPerStep: number[];
  /** Cases stored by the walk (one per contact when the transcript ends with a confirmed report). */
  cases: number;
  /** Bytes of conversation state stored for one contact just before the last message. */
  stateBytesBeforeLast: number;
  problem?: string;
}

/** Walks N contacts through the complaint transcript against the peer, in-process. */
export async function runPeerInProcess(n: number, warmup: number): Promise<PeerRun> {
  const dir = tempDataDir('helpline-bench-peer-');
  const db = openPeerDatabase(path.join(dir, 'peer.sqlite'));
  try {
    const api = cannedFetch();
    const bot = createPeerBot({ token: '4242:bench', db, fetch: api.fetch, botInfo: PEER_BOT_INFO });
    const steps = COMPLAINT_SCRIPT.steps;
    let updateId = 0;
    // One validation contact: replies per step and a stored complaint at the end.
    const replies: number[] = [];
    let stateBytesBeforeLast = 0;
    for (const [i, s] of steps.entries()) {
      if (i === steps.length - 1) stateBytesBeforeLast = (db.prepare("SELECT length(value) FROM kv WHERE key = 'c:1'").pluck().get() as number) ?? 0;
      const before = api.calls();
      await bot.handleUpdate(textUpdate(++updateId, 1, s.text));
      replies.push(api.calls() - before);
    }
    const stored = db.prepare("SELECT COUNT(*) FROM cases WHERE chat_id = '1' AND ref LIKE 'BWI-%' AND pin_hash LIKE 'hmac$%'").pluck().get() as number;
    const problem = stored === 1 ? undefined : `the peer stored ${stored} cases with a reference for the validation contact, expected 1`;
    const send = (base: number) => (c: number, p: number) => bot.handleUpdate(textUpdate(++updateId, base + c, steps[p].text));
    await walk(warmup, steps.length, send(1_000_000));
    const result = await walk(n, steps.length, send(2_000_000));
    const cases = (db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number) - 1 - warmup;
    return { walk: result, repliesPerStep: replies, cases, stateBytesBeforeLast, problem };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
