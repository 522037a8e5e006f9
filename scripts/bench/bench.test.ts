/** Smoke run of `npm run bench` (tiny sizes): every section prints its rows; numbers are not asserted. */
import { describe, expect, it } from 'vitest';
import { benchOptions } from './options.js';
import { runBench } from './run.js';

describe('npm run bench --smoke', () => {
  it('prints one markdown table with the machine and every section, none failed', async () => {
    const out = await runBench(benchOptions(['--smoke'], {}), 'npm run bench -- --smoke');
    const tableLines = out.split('\n').filter((l) => l.startsWith('|'));
    expect(out.split('\n').filter((l) => l.startsWith('| Section |'))).toHaveLength(1);
    expect(tableLines.length).toBeGreaterThan(20);
    for (const section of [
      'Machine',
      'Conversation (ours)',
      'Peer in-process',
      'Peer end to end',
      'Broadcast fan-out',
      'Agency lookup',
      'Memory',
      'Inbox at scale',
    ]) {
      expect(tableLines.some((l) => l.startsWith(`| ${section}`)), `section ${section}`).toBe(true);
    }
    expect(out).toMatch(/\| Machine \| CPU \| .+, \d+ cores/);
    expect(out).toMatch(/Node v\d+/);
    expect(out).not.toMatch(/\| run \| failed:/);
    expect(out).not.toContain('script check');
  }, 120_000);

  it('reads N and smoke mode from flags or the environment, and refuses nonsense', () => {
    expect(benchOptions([], {}).n).toBe(200);
    expect(benchOptions(['--n=50'], {}).n).toBe(50);
    expect(benchOptions(['--n', '60'], {}).n).toBe(60);
    expect(benchOptions([], { BENCH_N: '70' }).n).toBe(70);
    expect(benchOptions([], { BENCH_SMOKE: '1' }).smoke).toBe(true);
    expect(benchOptions(['--only=peer,memory'], {}).only).toEqual(['peer', 'memory']);
    expect(() => benchOptions(['--n=0'], {})).toThrow(/positive whole number/);
    expect(() => benchOptions(['--only=everything'], {})).toThrow(/unknown section/);
  });
});
