/** Benchmark options from flags (`--n=500`, `--smoke`, `--only=conversation,peer`) or env (BENCH_N, BENCH_SMOKE, BENCH_ONLY). */

export const SECTIONS = ['conversation', 'peer', 'e2e', 'broadcast', 'agency', 'memory', 'flood', 'inbox'] as const;
export type Section = (typeof SECTIONS)[number];

/** The inbox size: 50,000 cases, 500,000 thread messages, 50 officers connected. */
const FULL_INBOX = { cases: 50_000, messages: 500_000, officers: 50, rounds: 20, events: 20 };
const SMOKE_INBOX = { cases: 1_000, messages: 5_000, officers: 50, rounds: 2, events: 3 };

export interface BenchOptions {
  smoke: boolean;
  /** Simulated contacts walking the conversation (default 200). */
  n: number;
  warmup: number;
  e2eUsers: number;
  broadcastRecipients: number;
  deliverySeconds: number;
  /** Random network delay (0..ms) before the fake platform counts a send, for the second delivery run. */
  broadcastJitterMs: number;
  /** Extra delivery runs "margin:jitterMs" (--broadcast-variants=0.97:50,0.95:50), to try another Telegram margin. */
  broadcastVariants: string[];
  memoryContacts: number;
  memoryTurns: number;
  agencies: number;
  /** The inbox section's database and live streams (scripts/bench/inbox.ts). */
  inbox: { cases: number; messages: number; officers: number; rounds: number; events: number };
  only: Section[];
}

/** Defaults for a full run, or a tiny run of a few seconds with --smoke. */
export function benchOptions(argv: string[], env: Record<string, string | undefined>): BenchOptions {
  const flag = (name: string): string | undefined => {
    for (const [i, a] of argv.entries()) {
      if (a === `--${name}`) return argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : 'true';
      if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
    }
    return undefined;
  };
  const smoke = (flag('smoke') ?? env.BENCH_SMOKE ?? 'false') !== 'false' && (flag('smoke') ?? env.BENCH_SMOKE) !== '0';
  const nRaw = flag('n') ?? env.BENCH_N;
  const n = nRaw ? Number(nRaw) : smoke ? 4 : 200;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--n / BENCH_N must be a positive whole number of contacts, got ${nRaw}`);
  const onlyRaw = flag('only') ?? env.BENCH_ONLY;
  const only = onlyRaw ? (onlyRaw.split(',').map((s) => s.trim()) as Section[]) : [...SECTIONS];
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`unknown section "${s}" in --only; choose from ${SECTIONS.join(', ')}`);
  const variants = (flag('broadcast-variants') ?? env.BENCH_BROADCAST_VARIANTS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  for (const v of variants) if (!/^(0|1)?\.\d+(:\d+)?$|^1(:\d+)?$/.test(v)) throw new Error(`--broadcast-variants takes margin:jitterMs pairs like 0.97:50, got "${v}"`);
  return smoke
    ? { smoke, n, warmup: 2, e2eUsers: Math.min(n, 3), broadcastRecipients: 2_000, deliverySeconds: 1, broadcastJitterMs: 20, broadcastVariants: variants, memoryContacts: 2_000, memoryTurns: 50, agencies: 500, inbox: SMOKE_INBOX, only }
    : { smoke, n, warmup: Math.max(100, Math.round(n / 2)), e2eUsers: n, broadcastRecipients: 100_000, deliverySeconds: 10, broadcastJitterMs: 50, broadcastVariants: variants, memoryContacts: 100_000, memoryTurns: 2_000, agencies: 10_000, inbox: FULL_INBOX, only };
}
