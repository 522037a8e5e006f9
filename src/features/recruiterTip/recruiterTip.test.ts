/** Transcripts, in three languages, of an anonymous tip about a recruiter near home, with district and village. */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { caseByRef } from '../../domain/cases/cases.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { createTestApp } from '../../testing/harness.js';
import { filterParams, findCases, parseFilter } from '../../domain/cases/inbox.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

const GENTENG = '6';
const ANSWERS = {
  id: ['Pak Slamet, calo, HP 0812 0000 0000', GENTENG, 'Kembiritan', 'warung dekat pasar', 'Kerja di pabrik Malaysia, gaji 8 juta, berangkat pakai visa turis', 'Uang 5 juta dan KTP'],
  en: ['Mr Slamet, a broker, phone 0812 0000 0000', GENTENG, 'Kembiritan', 'a food stall near the market', 'Factory work in Malaysia, 8 million a month, leaving on a tourist visa', '5 million rupiah and my ID card'],
  jv: ['Pak Slamet, calo, HP 0812 0000 0000', GENTENG, 'Kembiritan', 'warung celak peken', 'Nyambut damel ing pabrik Malaysia, bayaran 8 yuta, mangkat mawi visa turis', 'Arta 5 yuta lan KTP'],
} as const;

describe('report a recruiter near me', () => {
  for (const lang of ['id', 'en', 'jv'] as const) {
    it(`[${lang}] an anonymous tip with district and village reaches the officers as a recruiter tip`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      expect((await u.say('6')).join('\n')).toContain(`7. ${tr(app, lang, 'tip.menuLabel')}`);
      expect((await u.say('7'))[0]).toContain(tr(app, lang, 'tip.intro'));
      expect((await u.say('1'))[0]).toBe(tr(app, lang, 'tip.askWho'));
      const districts = (await u.say(ANSWERS[lang][0]))[0];
      expect(districts).toContain(tr(app, lang, 'tip.askDistrict'));
      expect(districts).toContain('6. Genteng');
      expect(districts).toContain('25. Wongsorejo');
      expect(districts).toContain(`26. ${tr(app, lang, 'tip.noDistrict')}`);
      const summary = await typeAll(u, ANSWERS[lang].slice(1));
      const shown = summary.join('\n');
      expect(shown).toContain('Genteng');
      expect(shown).toContain('Kembiritan');
      expect(shown).toContain(ANSWERS[lang][4]);
      expect(shown).toContain(tr(app, lang, 'tip.confirm'));
      expect(app.db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(0);

      const done = await u.say('1');
      const { ref } = refAndPin(done);
      const c = caseByRef(app.db, ref)!;
      expect(c).toMatchObject({ category: 'recruiter_tip', anonymous: true, country: null, agencyText: ANSWERS[lang][0] });
      expect(c.description).toContain(ANSWERS[lang][5]);
      expect(app.db.prepare('SELECT reporter_contact_id, home_district, home_village FROM cases WHERE ref = ?').get(ref)).toEqual({ reporter_contact_id: null, home_district: 'genteng', home_village: 'Kembiritan' });
      const alert = officer.replies().join('\n');
      expect(alert).toContain(`New report ${ref}: ${tr(app, 'en', 'case.category.recruiter_tip')}`);
      // Where the recruiter works (not anyone's home).
      expect(alert).toContain('\nDistrict, village: Genteng, Kembiritan\n');
    });
  }

  it('"outside the regency" and a skipped village store no place; cancelling at the end stores nothing', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'id');
    await typeAll(u, ['6', '7', '1', 'Bu Ani dari desa sebelah', '26', '-', '-', 'Kerja di Dubai jadi pembantu, gaji besar', '-']);
    const { ref } = refAndPin(await u.say('1'));
    expect(app.db.prepare('SELECT home_district, home_village FROM cases WHERE ref = ?').get(ref)).toEqual({ home_district: null, home_village: null });

    const v = await startUser(app, 'en');
    await typeAll(v, ['6', '7', '1', 'Someone from the next village', '1', '-', '-', 'A cleaning job in Qatar with a big salary', '-']);
    expect(await v.say('2')).toContain(tr(app, 'en', 'tip.cancelled'));
    expect(app.db.prepare("SELECT COUNT(*) FROM cases WHERE category = 'recruiter_tip'").pluck().get()).toBe(1);
  });

  it('the dashboard inbox filters by home district', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'id');
    await typeAll(u, ['6', '7', '1', 'Pak Slamet dari Genteng', '6', 'Kembiritan', '-', 'Kerja di pabrik Malaysia, gaji besar', '-']);
    const genteng = refAndPin(await u.say('1')).ref;
    await typeAll(u, ['menu', '6', '7', '1', 'Bu Ani dari Muncar', '14', '-', '-', 'Kerja di kapal ikan Taiwan, gaji besar', '-']);
    const muncar = refAndPin(await u.say('1')).ref;
    const admin = { id: 1, username: 'ana', role: 'admin' as const, contactId: null };
    const filter = parseFilter({ status: 'all', district: 'genteng' });
    expect(filterParams(filter).get('district')).toBe('genteng');
    expect(findCases(app.db, filter, admin).rows.map((r) => r.ref)).toEqual([genteng]);
    expect(findCases(app.db, parseFilter({ status: 'all', district: 'muncar' }), admin).rows.map((r) => r.ref)).toEqual([muncar]);
    expect(findCases(app.db, parseFilter({ status: 'all', district: 'atlantis' }), admin).total).toBe(2);
  });
});
