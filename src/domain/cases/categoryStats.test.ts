/** Every stored category maps to one of the agency's statistics categories; a month counts in that shape. */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { createTestApp } from '../../testing/harness.js';
import { CATEGORIES, LEGACY_CATEGORIES, MENU_CATEGORIES } from './categories.js';
import { categoryStats, monthlyStats } from './categoryStats.js';
import { createCase } from './cases.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

const TOKEN = 'stats-token-0123456789abcdef-0123456789abcdef';

describe('agency statistics categories (data/categoryStats.json)', () => {
  it('every category is mapped to an agency category (only the recruiter tip is counted apart)', () => {
    const { map, categories } = categoryStats();
    const agencyIds = categories.map((c) => c.id);
    for (const c of CATEGORIES) {
      expect(Object.keys(map), c).toContain(c);
      if (c === 'recruiter_tip') expect(map[c]).toBeNull();
      else expect(agencyIds, c).toContain(map[c]);
    }
    for (const id of ['meninggal_dunia', 'jaminan_sosial', 'kehamilan_anak', 'depresi', 'overcharging', 'kriminalisasi', 'gagal_berangkat', 'deportasi', 'overstay']) expect(agencyIds).toContain(id);
  });

  it('old stored ids stay valid but are not offered; split categories map to different agency categories', () => {
    expect(CATEGORIES).toContain('overstay_deportation');
    expect(LEGACY_CATEGORIES).toContain('overstay_deportation');
    expect(MENU_CATEGORIES).not.toContain('overstay_deportation');
    const { map } = categoryStats();
    expect(map.failed_to_depart).not.toBe(map.recruitment_fraud);
    expect(map.deportation).not.toBe(map.overstay);
  });

  it('a month of cases counts in the agency categories, by the home time zone; GET /api/stats/monthly returns it', async () => {
    app = createTestApp({ http: true, env: { ADMIN_API_TOKEN: TOKEN } });
    await app.start();
    const at = (iso: string) => Date.parse(iso);
    const add = (category: string, now: number, kind: 'complaint' | 'assistance' = 'complaint') =>
      createCase(app.db, { kind, reporterContactId: 0, anonymous: true, category, now, config: app.config } as never);
    add('death', at('2026-11-03T10:00:00Z'));
    add('death', at('2026-11-20T10:00:00Z'));
    add('overstay_deportation', at('2026-11-05T10:00:00Z'));
    add('deportation', at('2026-11-06T10:00:00Z'));
    add('online_scam', at('2026-11-07T10:00:00Z'));
    add('trafficking', at('2026-11-08T10:00:00Z'));
    add('recruiter_tip', at('2026-11-09T10:00:00Z'));
    add('education', at('2026-11-09T10:00:00Z'), 'assistance');
    // 30 November 18:00 UTC is already 1 December in Jakarta: next month.
    add('death', at('2026-11-30T18:00:00Z'));
    add('death', at('2026-10-31T16:30:00Z')); // 31 Oct 23:30 Jakarta: October

    const s = monthlyStats(app.db, '2026-11', 'Asia/Jakarta');
    const count = (id: string) => s.rows.find((r) => r.category === id)!.count;
    expect(count('meninggal_dunia')).toBe(2);
    expect(count('deportasi')).toBe(2);
    expect(count('tppo')).toBe(2);
    expect(s.total).toBe(6);
    expect(s.tips).toBe(1);
    expect(s.rows.length).toBe(categoryStats().categories.length);

    const base = `http://127.0.0.1:${app.port}/api/stats/monthly`;
    const res = await fetch(`${base}?month=2026-11`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as typeof s;
    expect(body.month).toBe('2026-11');
    expect(body.rows.find((r) => r.category === 'meninggal_dunia')).toEqual({ category: 'meninggal_dunia', label: 'Meninggal dunia di negara tujuan', count: 2 });
    expect((await fetch(`${base}?month=2026-13`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(400);
    expect((await fetch(`${base}?month=2026-11`)).status).toBe(401);
  });
});
