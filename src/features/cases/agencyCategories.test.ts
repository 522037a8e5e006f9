/**
 * Transcripts, in three languages, of the categories added to match the national agency's: an
 * anonymous report of forced online-scam work from a country typed under "Other", a failed
 * departure, and the family path when a worker has died (information, then a "death" report).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { caseByRef } from '../../domain/cases/cases.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { createTestApp } from '../../testing/harness.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

/** Menu numbers in the report's category menu (MENU_CATEGORIES order). */
const MENU = { failed_to_depart: '12', death: '14', online_scam: '20', other: '21' };
const OTHER_COUNTRY = '8';
const DONE = { id: 'selesai', en: 'done', jv: 'sampun' } as const;
const CAMBODIA = { id: 'Kamboja', en: 'in Cambodia', jv: 'Kamboja' } as const;
const SCAM = {
  id: 'Saya dijanjikan kerja di restoran, tapi dipaksa menipu orang lewat internet dan tidak boleh keluar.',
  en: 'I was promised a restaurant job but I am forced to scam people online and cannot leave.',
  jv: 'Kula dipunjanjeni nyambut damel ing restoran, nanging dipunpeksa ngapusi tiyang lumantar internet lan mboten pareng medal.',
} as const;

describe('categories aligned with the agency', () => {
  for (const lang of ['id', 'en', 'jv'] as const) {
    it(`[${lang}] online-scam work reported anonymously from a country typed under "Other": urgent, stored as Cambodia`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      const menu = (await typeAll(u, ['1', '2', '1'])).at(-1)!;
      expect(menu).toContain(`${MENU.online_scam}. ${tr(app, lang, 'case.category.online_scam')}`);
      expect(menu).toContain(`${MENU.death}. ${tr(app, lang, 'case.category.death')}`);
      expect(menu).toContain(`${MENU.other}. ${tr(app, lang, 'case.category.other')}`);
      // The old merged category is no longer offered.
      expect(menu).not.toContain(tr(app, lang, 'case.category.overstay_deportation'));
      await typeAll(u, [MENU.online_scam, OTHER_COUNTRY]);
      const afterCountry = await u.say(CAMBODIA[lang]);
      expect(afterCountry.join('\n')).toContain(tr(app, lang, 'complaint.urgentNotice'));
      const summary = await typeAll(u, ['-', '-', SCAM[lang], '-']);
      expect(summary.join('\n')).toContain(tr(app, lang, 'case.category.online_scam'));
      const { ref } = refAndPin(await u.say('1'));
      expect(caseByRef(app.db, ref)).toMatchObject({ category: 'online_scam', country: 'KH', countryText: null, anonymous: true, urgent: true });
      expect(officer.replies().join('\n')).toContain(`${tr(app, 'en', 'case.category.online_scam')}, Cambodia`);
    });

    it(`[${lang}] "failed to depart" is its own category, apart from recruiter fraud`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const u = await startUser(app, lang);
      await typeAll(u, ['1', '2', '1', MENU.failed_to_depart, '3', '-', '-', SCAM[lang], '-']);
      const { ref } = refAndPin(await u.say('1'));
      expect(caseByRef(app.db, ref)!.category).toBe('failed_to_depart');
    });

    it(`[${lang}] a family whose worker died: what to do and which documents, then a report filed as "death"`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      const safety = (await u.say('6')).join('\n');
      expect(safety).toContain(`6. ${tr(app, lang, 'death.menuLabel')}`);
      const info = await u.say('6');
      expect(info[0]).toBe(tr(app, lang, 'death.info'));
      for (const word of ['KTP', 'Kartu Keluarga', 'BPJS Ketenagakerjaan', 'KBRI/KJRI/KDEI', 'KP2MI']) expect(info[0]).toContain(word);
      expect(info.at(-1)).toContain(tr(app, lang, 'death.offer'));
      // Report now: consent, "for a family member", and the category is already known (no category menu).
      await u.say('1');
      const askCountry = await typeAll(u, ['1', '2']);
      expect(askCountry.at(-1)).toContain(tr(app, lang, 'complaint.askCountry'));
      const rest = await typeAll(u, ['2', '-', 'Budi Santoso', '-', 'Kakak saya meninggal di Taiwan minggu lalu.', DONE[lang]]);
      // The worker's home district and village, as in every report (the remains go home there).
      expect(rest.at(-1)).toContain(tr(app, lang, 'complaint.askHome'));
      const summary = await typeAll(u, ['Kemiren, Glagah', '1']);
      expect(summary.join('\n')).toContain(tr(app, lang, 'case.category.death'));
      expect(summary.join('\n')).toContain(': Glagah, Kemiren');
      const { ref } = refAndPin(await u.say('1'));
      expect(caseByRef(app.db, ref)).toMatchObject({ category: 'death', country: 'TW', onBehalf: 'family', workerName: 'Budi Santoso' });
      expect(app.db.prepare('SELECT home_district, home_village FROM cases WHERE ref = ?').get(ref)).toEqual({ home_district: 'glagah', home_village: 'Kemiren' });
      expect(officer.replies().join('\n')).toContain(`${tr(app, 'en', 'case.category.death')}, Taiwan`);
    });
  }

  it('choosing "death" in the report menu also shows the family what to do first', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'id');
    const replies = await typeAll(u, ['1', '1', '2', MENU.death]);
    expect(replies).toContain(tr(app, 'id', 'death.info'));
    expect(replies.at(-1)).toContain(tr(app, 'id', 'complaint.askCountry'));
  });
});
