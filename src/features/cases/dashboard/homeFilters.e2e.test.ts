/**
 * The dashboard by home: the inbox filters by village (typed, any part, any case; SQL-looking input
 * is only text) next to the district, and the overview shows one district's villages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../app.js';
import { systemClock } from '../../../core/clock.js';
import { createCase } from '../../../domain/cases/cases.js';
import { filterParams, findCases, parseFilter } from '../../../domain/cases/inbox.js';
import { addOfficer } from '../../../domain/officers/accounts.js';
import { setCaseHome } from '../../../domain/places.js';
import { DashboardClient } from '../../../testing/dashboardClient.js';
import { createTestApp, testConfig } from '../../../testing/harness.js';

const PASSWORD = 'correct horse battery staple';
const admin = { id: 1, username: 'ana', role: 'admin' as const, contactId: null };

let app: App;
afterEach(async () => {
  await app?.stop();
});

/** Opens complaints with these homes; returns their references in order. */
function casesAt(homes: [string | null, string | null][]): string[] {
  return homes.map(([district, village]) => {
    const c = createCase(app.db, { config: app.config, now: Date.now(), reporterContactId: null, anonymous: true, category: 'wages_unpaid' });
    setCaseHome(app.db, c.id, district, village);
    return c.ref;
  });
}

const refs = (query: Record<string, string>) => findCases(app.db, parseFilter({ status: 'all', ...query }), admin).rows.map((r) => r.ref).sort();

describe('inbox filter by village', () => {
  it('matches part of the typed village in any case, alone or with the district; LIKE wildcards and SQL are plain text', () => {
    app = createTestApp();
    const [kemiren, kemirenLow, olehsari, percent, muncar] = casesAt([
      ['glagah', 'Desa Kemiren'],
      ['glagah', 'kemiren'],
      ['glagah', 'Olehsari'],
      ['genteng', '100% Kembiritan_1'],
      ['muncar', 'Kemiren'],
    ]);
    expect(refs({ village: 'KEMIREN' })).toEqual([kemiren, kemirenLow, muncar].sort());
    expect(refs({ village: 'kemiren', district: 'glagah' })).toEqual([kemiren, kemirenLow].sort());
    expect(refs({ village: 'sari' })).toEqual([olehsari]);
    // "%" and "_" are letters here, not wildcards; quotes and SQL do not break out of the value.
    expect(refs({ village: '%' })).toEqual([percent]);
    expect(refs({ village: 'n_1' })).toEqual([percent]);
    expect(refs({ village: '_' })).toEqual([percent]);
    expect(refs({ village: "' OR 1=1 --" })).toEqual([]);
    expect(refs({ village: "x'); DROP TABLE cases; --" })).toEqual([]);
    expect(app.db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(5);
    // Kept in links (the export), cut to the longest village, empty means any.
    expect(filterParams(parseFilter({ village: ' Kemiren ' })).get('village')).toBe('Kemiren');
    expect(parseFilter({ village: 'x'.repeat(500) }).village).toHaveLength(60);
    expect(refs({ village: '' })).toHaveLength(5);
    // "Outside the regency" is a district choice too.
    const [outside] = casesAt([['outside', null]]);
    expect(refs({ district: 'outside' })).toEqual([outside]);
  });

  it('the inbox page has the village field next to the district; the overview shows a district’s villages', async () => {
    const config = testConfig({ DEFAULT_LANGUAGE: 'en' });
    app = createTestApp({ config, http: true, clock: systemClock });
    await app.start();
    await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, Date.now());
    const [kemiren, , , muncar] = casesAt([
      ['glagah', 'Kemiren'],
      ['glagah', 'kemiren'],
      ['glagah', 'Olehsari <b>'],
      ['muncar', 'Kedungrejo'],
    ]);
    const c = new DashboardClient(`http://127.0.0.1:${app.port}`);
    await c.login('ana', PASSWORD);

    const inbox = (await c.get(`/dashboard/cases?status=all&village=${encodeURIComponent("kemiren' OR '1'='1")}`)).html;
    expect(inbox).toMatch(/<select name="district">[\s\S]*<\/select><\/label>\s*<label>Home village<input type="search" name="village" value="kemiren&#39; OR &#39;1&#39;=&#39;1"/);
    expect(inbox).not.toContain(kemiren);
    const found = (await c.get('/dashboard/cases?status=all&village=Kemiren')).html;
    expect(found).toContain(kemiren);
    expect(found).not.toContain(muncar);
    expect(found).toContain('village=Kemiren'); // the export link keeps the filter

    const overview = (await c.get('/dashboard/?district=glagah')).html;
    expect(overview).toContain('Cases by home district');
    expect(overview).toContain('Cases by home village in Glagah');
    expect(overview).toContain('Olehsari &lt;b&gt;');
    expect(overview).toMatch(/<option value="glagah" selected>Glagah<\/option>/);
    expect((await c.get('/dashboard/')).html).not.toContain('Cases by home village');
  }, 30_000);
});
