import { describe, expect, it } from 'vitest';
import { benchAgencyLookup } from './agencyLookup.js';

describe('agency lookup benchmark', () => {
  it('runs the requested lookups over a generated register and returns percentiles (figures come from npm run bench)', () => {
    const r = benchAgencyLookup(60, 500);
    expect(r).toMatchObject({ registerSize: 500, lookups: 60 });
    expect(r.p50Ms).toBeLessThanOrEqual(r.p99Ms);
    expect(r.p99Ms).toBeLessThanOrEqual(r.maxMs);
  });
});
