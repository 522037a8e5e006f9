/** Runs the benchmark sections and renders the one table (see index.ts for the command line). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_REGISTER_SIZE, benchAgencyLookup } from './agencyLookup.js';
import { REPO_ROOT } from '../../src/testing/processes.js';
import type { BroadcastResult } from './broadcast.js';
import { RESULT_PREFIX } from './childProtocol.js';
import { type OursRun, costLine, runOurs } from './conversation.js';
import { type E2eResult, runOursEndToEnd, runPeerEndToEnd } from './endToEnd.js';
import { sqliteFloor } from './floor.js';
import { type MatchingCost, matchingCost } from './matching.js';
import { describeMachine } from './machine.js';
import type { MemoryResult } from './memory.js';
import type { BenchOptions } from './options.js';
import { type PeerRun, runPeerInProcess } from './peerRun.js';
import { fmt, mb, ms } from './stats.js';
import { type Row, atLeast, atMost, renderTable } from './table.js';
import { COMPLAINT_SCRIPT } from './transcripts.js';
import { type WalkResult, growth, summarize, withoutLast } from './walk.js';
import { randomBytes } from 'node:crypto';
import { hashPin } from '../../src/domain/cases/pin.js';
import { nowMs } from './stats.js';
import { sosFloodRows } from './sosFlood.js';
import { inboxRows } from './inbox.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** A child section that runs longer than this is killed and reported as failed. */
const CHILD_TIMEOUT_MS = 180_000;

/** Runs `child.ts <section> ...args` in a fresh Node process and returns its JSON result. */
function runChild<T>(section: string, args: (string | number)[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'child.ts'), section, ...args.map(String)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
      else reject(new Error(`${section} child exited with ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

const latencies = (w: WalkResult) => {
  const s = summarize(w.all);
  return `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
};
const growthCell = (w: WalkResult, position: number) => `${growth(w, position).toFixed(2)}× (msg 1 ${ms(w.byPosition[0].reduce((a, b) => a + b, 0) / w.byPosition[0].length)} → msg ${position + 1} ${ms(w.byPosition[position].reduce((a, b) => a + b, 0) / w.byPosition[position].length)})`;
/** Message 12 when the script has it, else the last one. */
const twelfth = (w: WalkResult) => Math.min(11, w.byPosition.length - 1);

/** Understanding words beside the mean cost of one message (target: under 10 %). */
function matchingRow(S: string, m: MatchingCost, messageUs: number): Row {
  const extra = Math.max(m.dangerUs, m.labelUs - m.numberUs, m.freeTextUs - m.numberUs);
  const share = (extra / messageUs) * 100;
  return {
    section: S,
    measure: 'understanding words: danger check on every message; a turn at the main menu answered with a number / a typed label / free text (pure engine, best of 7)',
    value: `${m.dangerUs.toFixed(1)} µs per message; ${m.numberUs.toFixed(1)} / ${m.labelUs.toFixed(1)} / ${m.freeTextUs.toFixed(1)} µs; the largest extra is ${share.toFixed(1)} % of a message's mean cost here (${messageUs.toFixed(0)} µs)`,
    target: '< 10 % of a message',
    verdict: share < 10 ? 'met' : 'MISSED',
  };
}

function conversationRows(ours: OursRun, stress: OursRun | undefined, floor: number, pinHashMs: number): Row[] {
  const w = ours.walk;
  const s = summarize(w.all);
  const S = 'Conversation (ours)';
  const complaint = ours.script.steps === COMPLAINT_SCRIPT.steps;
  const turnRate = complaint ? withoutLast(w).perSecond : w.perSecond;
  const rows: Row[] = [
    { section: S, measure: 'setup', value: `${fmt(w.messages)} msgs = ${fmt(w.messages / ours.script.steps.length)} contacts × ${ours.script.steps.length} (${ours.script.name}), interleaved; real App, SQLite file, OUTBOX_DISPATCH=on, recording channel paced at 50/s like a platform (BENCH_PACED; the console channel itself is our own server and unpaced)` },
    ...(ours.problem ? [{ section: S, measure: 'script check', value: ours.problem, verdict: 'MISSED' as const }] : []),
    { section: S, measure: 'throughput (wall clock)', value: `${fmt(w.perSecond)} msg/s`, target: '≥ 5,000 msg/s', verdict: atLeast(w.perSecond, 5000) },
    // All threads count, V8's background compiler and GC included, so small runs (cold JIT) read low.
    { section: S, measure: 'messages per CPU second of the process, all threads (less sensitive to other load; low while the JIT warms up)', value: `${fmt(w.perCpuSecond)} msg/CPU-s` },
    { section: S, measure: 'latency inbound → reply committed p50 / p95 / p99', value: `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`, target: 'p99 < 10 ms', verdict: atMost(s.p99, 10) },
    { section: S, measure: 'cost of message 12 vs message 1 (mean)', value: growthCell(w, twelfth(w)), target: '≤ 1.5×', verdict: atMost(growth(w, twelfth(w)), 1.5) },
    { section: S, measure: 'mean ms by message position', value: costLine(w) },
    ...(complaint ? caseSplitRows(S, w, ours.cases, pinHashMs) : []),
    { section: S, measure: 'SQLite floor: bare transaction (dedupe + session + outbox rows), same run', value: `${fmt(floor)} tx/s` },
    {
      section: S,
      measure: `ours as a share of the floor${complaint ? ', messages 1–14' : ''} (load cancels out; 13,000 tx/s floor on an idle machine)`,
      value: `${((turnRate / floor) * 100).toFixed(0)} % → ≈ ${fmt((turnRate / floor) * 13_000)} msg/s idle`,
    },
    // Per CPU second, so the share does not grow with other load on the machine.
    matchingRow(S, matchingCost(), 1e6 / w.perCpuSecond),
  ];
  if (stress) {
    const x = stress.walk;
    rows.push({
      section: S,
      measure: 'stress: same walk, dispatcher unthrottled in the same thread (wall / per CPU s / p99)',
      value: `${fmt(x.perSecond)} msg/s / ${fmt(x.perCpuSecond)} msg/CPU-s / ${ms(summarize(x.all).p99)}; ${fmt(stress.delivered)} of ${fmt(stress.committed)} replies delivered`,
    });
  }
  return rows;
}

/** The complaint walk split: every message but the last, and the last (case created, PIN hashed). */
function caseSplitRows(S: string, w: WalkResult, cases: number, pinHashMs: number): Row[] {
  const x = withoutLast(w);
  return [
    { section: S, measure: `messages 1–${w.byPosition.length - 1} (every turn but the one creating the case): throughput / p50 / p95 / p99`, value: `${fmt(x.perSecond)} msg/s / ${ms(x.latency.p50)} / ${ms(x.latency.p95)} / ${ms(x.latency.p99)}`, target: '≥ 5,000 msg/s, p99 < 10 ms', verdict: atLeast(x.perSecond, 5000) === 'met' && atMost(x.latency.p99, 10) === 'met' ? 'met' : 'MISSED' },
    ...(x.perCpuSecond
      ? [
          {
            section: S,
            measure: `messages 1–${w.byPosition.length - 1} per CPU second of the process while they were walked (all threads, delivery and checkpoints included: the figure other load on a shared machine disturbs least)`,
            value: `${fmt(x.perCpuSecond)} msg/CPU-s`,
          },
        ]
      : []),
    { section: S, measure: `message ${w.byPosition.length} (case stored with reference; PIN hashed with HMAC-SHA256 under the data folder's key, one hash = ${ms(pinHashMs)} in this process), mean`, value: `${ms(x.lastMeanMs)}; ${fmt(cases)} cases stored by the walk` },
  ];
}

function peerRows(peer: PeerRun, ours: OursRun): Row[] {
  const S = 'Peer in-process';
  const w = peer.walk;
  const ratio = ours.walk.perSecond / w.perSecond;
  const cpuRatio = ours.walk.perCpuSecond / w.perCpuSecond;
  const same = ours.script.steps === COMPLAINT_SCRIPT.steps;
  return [
    { section: S, measure: 'setup', value: `grammY ${'1.46'} + @grammyjs/conversations v2, SQLite storage adapter (WAL, synchronous=NORMAL), bot.handleUpdate with botInfo, API answered by client.fetch; ${fmt(w.messages)} msgs, ${COMPLAINT_SCRIPT.name}` },
    ...(peer.problem ? [{ section: S, measure: 'script check', value: peer.problem, verdict: 'MISSED' as const }] : []),
    { section: S, measure: 'peer throughput (wall / per CPU second)', value: `${fmt(w.perSecond)} msg/s / ${fmt(w.perCpuSecond)} msg/CPU-s` },
    { section: S, measure: 'peer latency p50 / p95 / p99', value: latencies(w) },
    { section: S, measure: 'peer cost of message 12 vs message 1', value: growthCell(w, twelfth(w)) },
    { section: S, measure: 'peer mean ms by message position', value: costLine(w) },
    { section: S, measure: 'peer conversation state stored before the last message', value: `${fmt(peer.stateBytesBeforeLast)} bytes per chat` },
    { section: S, measure: `peer stored ${fmt(peer.cases)} cases with reference and keyed-hash PIN (one per contact); ours ${fmt(ours.cases)}`, value: peer.cases === w.messages / COMPLAINT_SCRIPT.steps.length && ours.cases === peer.cases ? 'same work' : 'DIFFERENT', verdict: peer.cases === ours.cases ? 'met' : 'MISSED' },
    {
      section: S,
      measure: `ours ÷ peer, whole transcript (wall / per CPU second)${same ? '; both hash the PIN the same way on the last message' : ' — ours walked other messages'}`,
      value: `${ratio.toFixed(1)}× / ${cpuRatio.toFixed(1)}×`,
      target: '≥ 5×',
      verdict: same ? atLeast(ratio, 5) : 'pending',
    },
    ...(same ? [{ section: S, measure: `ours ÷ peer, messages 1–${COMPLAINT_SCRIPT.steps.length - 1} (without the case-creating message)`, value: `${(withoutLast(ours.walk).perSecond / withoutLast(w).perSecond).toFixed(1)}× (peer ${fmt(withoutLast(w).perSecond)} msg/s, p99 ${ms(withoutLast(w).latency.p99)})`, target: '≥ 5×', verdict: atLeast(withoutLast(ours.walk).perSecond / withoutLast(w).perSecond, 5) }] : []),
  ];
}

function e2eRows(peer: E2eResult, ours: E2eResult, users: number, sameScript: boolean, walked: string): Row[] {
  const S = 'Peer end to end (HTTP, fake Bot API on 127.0.0.1)';
  const rows: Row[] = [{ section: S, measure: 'setup', value: `${users} users at once, long polling, each sends its next message after the replies arrive; fake Bot API server (scripts/bench/fakeBotApi.ts) in the benchmark process; ours is the real TelegramChannel from channelsFromConfig (TELEGRAM_API_ROOT); both unthrottled (the peer has no limiter; ours with pacing lifted)` }];
  const one = (who: string, r: E2eResult) => {
    if (r.status !== 'ok') return rows.push({ section: S, measure: `${who}`, value: r.reason, verdict: r.status === 'pending' ? 'pending' : 'MISSED' });
    rows.push({ section: S, measure: `${who} throughput, ${walked}`, value: `${fmt(r.walk.perSecond)} msg/s` });
    rows.push({ section: S, measure: `${who} latency update queued → last reply p50 / p95 / p99, ${walked}`, value: latencies(r.walk) });
    rows.push({ section: S, measure: `${who} cost of message 12 vs message 1, ${walked}`, value: growthCell(r.walk, twelfth(r.walk)) });
  };
  one('peer', peer);
  one('ours', ours);
  if (peer.status === 'ok' && ours.status === 'ok') {
    const ratio = ours.walk.perSecond / peer.walk.perSecond;
    rows.push({ section: S, measure: `ours ÷ peer, ${walked}${sameScript ? '' : ' (different transcripts)'}`, value: `${ratio.toFixed(1)}×`, target: '≥ 2×', verdict: sameScript ? atLeast(ratio, 2) : 'pending' });
  } else rows.push({ section: S, measure: `ours ÷ peer, ${walked}`, value: 'not comparable: a run did not finish', target: '≥ 2×', verdict: 'MISSED' });
  return rows;
}

function broadcastRows(b: BroadcastResult): Row[] {
  const S = 'Broadcast fan-out (child process)';
  const f = b.feature;
  const rows: Row[] = [
    { section: S, measure: `benchBroadcastEnqueue(${fmt(f.recipients)}) (scripts/bench/broadcastEnqueue.ts: createBroadcast, one INSERT … SELECT; 10 % WhatsApp Cloud contacts)`, value: `${fmt(f.enqueueMs)} ms (${fmt(f.recipients)} rows, ${fmt(f.skipped)} skipped outside the 24-hour window; contacts seeded in ${fmt(f.seedMs)} ms)`, target: '< 3,000 ms', verdict: atMost(f.enqueueMs, 3000) },
    { section: S, measure: `createBroadcast in the App, ${fmt(b.recipients)} subscribed Telegram contacts (the rows delivered below)`, value: `${fmt(b.appEnqueueMs)} ms (${fmt(b.appEnqueuedRows)} rows)`, target: '< 3,000 ms', verdict: atMost(b.appEnqueueMs, 3000) },
  ];
  for (const r of b.runs) {
    const product = r.margin === b.productMargin;
    const ofConfigured = r.deliveredPerSecond / b.configuredPerSecond;
    const setup = `${product ? `Telegram rule (margin ${r.margin})` : `TRIAL margin ${r.margin}`}, ${r.jitterMs ? `0–${r.jitterMs} ms random arrival jitter` : 'no jitter'}`;
    rows.push({
      section: S,
      measure: `delivery through the Dispatcher, ${setup}, ${r.windowSeconds.toFixed(1)} s from the first send (first send ${fmt(r.startupMs)} ms after start)`,
      value: `${r.deliveredPerSecond.toFixed(1)} msg/s = ${(ofConfigured * 100).toFixed(1)} % of the configured ${b.configuredPerSecond}/s, ${((r.deliveredPerSecond / r.ruleRate) * 100).toFixed(1)} % of the rule's ${r.ruleRate.toFixed(1)}/s`,
      target: '≥ 95 % of configured',
      verdict: atLeast(ofConfigured, 0.95),
    });
    rows.push({ section: S, measure: `429 answers (fake: ${b.configuredPerSecond} in any 1 s window, counted on arrival), ${setup}`, value: fmt(r.tooMany), target: '0', verdict: atMost(r.tooMany, 0) });
  }
  rows.push({ section: S, measure: 'peak resident memory of the process', value: mb(b.peakRssBytes) });
  return rows;
}

const MEMORY_SECTION = 'Memory (child process: the whole product without Chromium)';

function memoryRows(m: MemoryResult): Row[] {
  const S = MEMORY_SECTION;
  return [
    { section: S, measure: `resident memory holding ${fmt(m.contacts)} contacts with sessions, after ${fmt(m.turns)} turns (${fmt(m.cases)} complaints to a stored case); App with HTTP, cron jobs, web chat, every feature's init (${fmt(m.agencies)}-agency sample register loaded)`, value: `${mb(m.rssBytes)} (heap used ${mb(m.heapUsedBytes)}; empty App ${mb(m.rssEmptyBytes)})`, target: '< 200 MB', verdict: atMost(m.rssBytes / 2 ** 20, 200) },
    { section: S, measure: 'peak resident memory', value: mb(m.peakRssBytes), target: '< 200 MB', verdict: atMost(m.peakRssBytes / 2 ** 20, 200) },
    { section: S, measure: 'database file + WAL', value: mb(m.dbBytes) },
  ];
}

/** Mean time of one PIN hash (keyed HMAC) here and now. */
function pinHashCost(): number {
  const key = randomBytes(32);
  hashPin('000000', key);
  const t = nowMs();
  for (let i = 0; i < 1000; i++) hashPin('123456', key);
  return (nowMs() - t) / 1000;
}

const failed = (section: string, err: unknown): Row => ({ section, measure: 'run', value: `failed: ${err instanceof Error ? err.message : String(err)}`, verdict: 'MISSED' });

/** Runs the selected sections and returns the markdown: a heading line and one table. */
export async function runBench(opts: BenchOptions, command = 'npm run bench'): Promise<string> {
  const machine = describeMachine();
  const rows: Row[] = [
    { section: 'Machine', measure: 'CPU', value: `${machine.cpu}, ${machine.cores} cores` },
    { section: 'Machine', measure: 'RAM / Node / OS', value: `${machine.ramGb} GB / ${machine.node} / ${machine.platform}` },
    { section: 'Machine', measure: 'load average (1 / 5 / 15 min) at start', value: `${machine.load} (shared machine: figures are noisy)` },
    { section: 'Machine', measure: 'date / command', value: `${machine.date} / ${command}${opts.smoke ? ' (smoke: tiny sizes, figures meaningless)' : ''}` },
  ];
  const want = (s: BenchOptions['only'][number]) => opts.only.includes(s);
  let ours: OursRun | undefined;
  if (want('conversation') || want('peer') || want('e2e')) {
    try {
      const floor = sqliteFloor(opts.smoke ? 200 : 6000).perSecond;
      ours = await runOurs(opts.n, opts.warmup, 'paced');
      const stress = want('conversation') ? await runOurs(opts.n, opts.warmup, 'unthrottled') : undefined;
      if (want('conversation')) rows.push(...conversationRows(ours, stress, floor, pinHashCost()));
    } catch (err) {
      rows.push(failed('Conversation (ours)', err));
    }
  }
  if (want('peer')) {
    try {
      const peer = await runPeerInProcess(opts.n, opts.warmup);
      if (ours) rows.push(...peerRows(peer, ours));
    } catch (err) {
      rows.push(failed('Peer in-process', err));
    }
  }
  if (want('e2e')) {
    try {
      const peerReplies = (await runPeerInProcess(1, 0)).repliesPerStep;
      const peer = await runPeerEndToEnd(opts.e2eUsers, COMPLAINT_SCRIPT, peerReplies);
      const oursE2e = ours ? await runOursEndToEnd(opts.e2eUsers, ours.script, ours.repliesPerStep) : ({ status: 'failed', reason: 'our in-process run failed' } as const);
      const same = ours?.script.steps === COMPLAINT_SCRIPT.steps;
      rows.push(...e2eRows(peer, oursE2e, opts.e2eUsers, same, 'whole transcript'));
      if (same && ours) {
        // The same walk without the case-creating message: both bots spend most of the whole
        // transcript's time in its PIN hash, which hid the difference between them.
        const turns = { name: `${COMPLAINT_SCRIPT.name}, messages 1–${COMPLAINT_SCRIPT.steps.length - 1}`, steps: COMPLAINT_SCRIPT.steps.slice(0, -1) };
        const peerTurns = await runPeerEndToEnd(opts.e2eUsers, turns, peerReplies);
        const oursTurns = await runOursEndToEnd(opts.e2eUsers, turns, ours.repliesPerStep);
        rows.push(...e2eRows(peerTurns, oursTurns, opts.e2eUsers, true, `messages 1–${turns.steps.length} (without the case-creating message)`).slice(1));
      }
    } catch (err) {
      rows.push(failed('Peer end to end', err));
    }
  }
  if (want('broadcast')) {
    try {
      rows.push(...broadcastRows(await runChild<BroadcastResult>('broadcast', [opts.broadcastRecipients, opts.deliverySeconds, opts.broadcastJitterMs, ...opts.broadcastVariants])));
    } catch (err) {
      rows.push(failed('Broadcast fan-out (child process)', err));
    }
  }
  if (want('flood')) {
    try {
      rows.push(...(await sosFloodRows()));
    } catch (err) {
      rows.push(failed('Urgent lane (web chat flood)', err));
    }
  }
  if (want('agency')) {
    const S = 'Agency lookup';
    try {
      const r = benchAgencyLookup(opts.agencies, opts.smoke ? 1000 : BENCH_REGISTER_SIZE);
      rows.push({ section: S, measure: `benchAgencyLookup(${fmt(r.lookups)} lookups, ${fmt(r.registerSize)}-agency fictional register) p50 / p99 / max`, value: `${ms(r.p50Ms)} / ${ms(r.p99Ms)} / ${ms(r.maxMs)}`, target: 'p99 < 5 ms', verdict: atMost(r.p99Ms, 5) });
      rows.push({ section: S, measure: 'p99 CPU time per lookup (insensitive to other load)', value: ms(r.p99CpuMs) });
    } catch (err) {
      rows.push(failed(S, err));
    }
  }
  if (want('memory')) {
    try {
      rows.push(...memoryRows(await runChild<MemoryResult>('memory', [opts.memoryContacts, opts.memoryTurns])));
    } catch (err) {
      rows.push(failed(MEMORY_SECTION, err));
    }
  }
  if (want('inbox')) {
    try {
      rows.push(...(await inboxRows(opts.inbox)));
    } catch (err) {
      rows.push(failed('Inbox at scale (officer workspace)', err));
    }
  }
  rows.push({ section: 'Machine', measure: 'load average at end', value: describeMachine().load });
  return `## Benchmark ${machine.date} on ${machine.cpu} (${machine.cores} cores, ${machine.ramGb} GB), Node ${machine.node}\n\n${renderTable(rows)}\n`;
}
