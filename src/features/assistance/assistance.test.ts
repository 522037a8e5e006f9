import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { LANGUAGES } from '../../core/types.js';
import { getFaq, getPrograms, searchFaq } from '../../domain/assistance/programs.js';
import { caseByRef } from '../../domain/cases/cases.js';
import { createTestApp, TestUser } from '../../testing/harness.js';

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function setup() {
  app = createTestApp({ env: { OFFICER_TELEGRAM_IDS: '900' } });
  return app;
}

const REQUEST = {
  id: { menu: 'Bantuan untuk keluarga pekerja migran', program: 'Dukungan pendidikan untuk anak pekerja migran', unsure: 'Belum tahu / bantuan lain', who: 'Siapa yang membutuhkan bantuan?', saved: 'Permohonan Anda sudah dicatat. Nomor laporan: *BWI-2611-0001* (Belum tahu / bantuan lain)', need: 'Biaya sekolah anak saya' },
  en: { menu: 'Assistance for families of migrant workers', program: "Education support for workers' children", unsure: 'Not sure / other help', who: 'Who needs the help?', saved: 'Your request has been recorded. Reference number: *BWI-2611-0001* (Not sure / other help)', need: 'School costs for my son' },
  jv: { menu: 'Pambiyantu kangge kulawarga pekerja migran', program: 'Pambiyantu pendhidhikan kangge putra-putrinipun pekerja migran', unsure: 'Dereng ngertos / pambiyantu sanesipun', who: 'Sinten ingkang mbetahaken pambiyantu?', saved: 'Panyuwunan panjenengan sampun kacathet. Nomer laporan: *BWI-2611-0001*', need: 'Wragad sekolah anak kula' },
} as const;

describe('assistance for families', () => {
  for (const lang of LANGUAGES) {
    it(`transcript (${lang}): a program's page, then "ask for help" (not sure which program) becomes a stored request and alerts officers`, async () => {
      const app = setup();
      const officer = new TestUser(app, '900', 'telegram');
      await officer.start('id');
      officer.replies();
      const u = new TestUser(app);
      await u.start(lang);
      u.replies();
      const t = REQUEST[lang];
      expect((await u.say('5'))[0]).toContain(t.menu);
      expect((await u.say('1'))[0]).toContain(`1. ${t.program}`);
      const page = await u.say('1');
      expect(page[0]).toContain(t.program);
      expect(page[1]).toMatch(/\n1\. .+\n2\. .+\n0\. /);
      // Programmes with an application have their own flow (applications.test.ts); this is the general request.
      await u.say('menu');
      await u.say('5');
      expect((await u.say('2')).join('\n')).toContain(`5. ${t.unsure}`);
      const who = await u.say('5');
      expect(who[1]).toContain(t.who);
      await u.say('2'); // family of a worker
      // District and village in one answer (the same home question as a report).
      await u.say('Desa Kemiren, Glagah');
      await u.say(t.need);
      await u.say('2'); // by phone
      expect((await u.say('12ab')).join('\n')).toMatch(/8.+15/);
      await u.say('0812-3456-7890');
      const saved = await u.say('1'); // consent
      expect(saved[0]).toContain(t.saved);
      expect(saved[1]).toMatch(/PIN.*\*\d{6}\*/);
      const c = caseByRef(app.db, 'BWI-2611-0001')!;
      expect(c).toMatchObject({ kind: 'assistance', category: 'unsure', onBehalf: 'family', status: 'new', reporterContactId: u.contact()!.id, language: lang });
      expect(c.details).toEqual({ program: null, who: 'family', village: 'Desa Kemiren', need: t.need, reach: '081234567890' });
      expect(u.contact()!.consentAt).toBe(app.clock.now());
      // Officers get the kind and the program; the need itself is read with /case (audited).
      const alert = officer.replies().join('\n');
      expect(alert).toContain('Permohonan bantuan baru BWI-2611-0001: Belum tahu / bantuan lain. Untuk: keluarga pekerja migran.');
      expect(alert).toContain('/case BWI-2611-0001');
      expect(alert).not.toContain(t.need);
    });
  }

  it('without consent nothing is stored; asking from the menu first picks a program', async () => {
    const app = setup();
    const u = new TestUser(app);
    await u.start('en');
    await u.say('5');
    const pick = (await u.say('2')).join('\n');
    expect(pick).toContain('Which program is your request about?');
    expect(pick).toContain('5. Not sure / other help');
    await u.say('5');
    for (const t of ['3', 'Pesanggaran', 'Sumberagung', 'Looking for work after coming home', '1']) await u.say(t);
    expect((await u.say('2'))[0]).toBe('All right, nothing was stored. You can ask again at any time.');
    expect(app.db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(0);
    await u.say('5');
    await u.say('2');
    for (const t of ['5', '3', '-', 'Looking for work after coming home', '1']) await u.say(t);
    expect((await u.say('1'))[0]).toContain('Reference number: *BWI-2611-0001* (Not sure / other help)');
    expect(caseByRef(app.db, 'BWI-2611-0001')).toMatchObject({ kind: 'assistance', category: 'unsure', details: { program: null, reach: 'chat' } });
  });

  const FAQ = {
    id: { query: 'bagaimana cek izin agen?', answer: 'Perusahaan penempatan resmi (P3MI) berbentuk PT' },
    en: { query: 'how to join the zoom gathering', answer: 'pick a gathering and answer yes' },
    jv: { query: 'kados pundi mbusak data kula', answer: 'Ketik *data kula* kangge mirsani data' },
  } as const;
  for (const lang of LANGUAGES) {
    it(`transcript (${lang}): FAQ search by typed keywords`, async () => {
      const app = setup();
      const u = new TestUser(app);
      await u.start(lang);
      await u.say('5');
      await u.say('3');
      const answer = await u.say(FAQ[lang].query);
      expect(answer.join('\n')).toContain(FAQ[lang].answer);
    });
  }

  it('FAQ search works across languages, offers a choice when several match, and lists all when none do', async () => {
    expect(searchFaq('sekolah anak').map((f) => f.id)).toEqual(['programs']);
    expect(searchFaq('agency license')[0].id).toBe('agencyCheck');
    expect(searchFaq('lapuran gaji')[0].id).toBe('report');
    expect(searchFaq('xyzzy')).toEqual([]);
    const app = setup();
    const u = new TestUser(app);
    await u.start('en');
    await u.say('5');
    await u.say('3');
    const several = (await u.say('report passport visa')).join('\n');
    expect(several).toContain('Questions that match. Choose one:');
    expect(several).toContain('What are the signs of illegal recruitment?');
    await u.say('0');
    const none = (await u.say('xyzzy')).join('\n');
    expect(none).toContain('I found no answer for those words');
    expect(none).toContain(`${getFaq().length}. How do I change the language?`);
  });

  it('every program and FAQ entry in data/ has its texts in all three languages', () => {
    const app = setup();
    for (const lang of LANGUAGES) {
      for (const p of getPrograms()) for (const k of ['title', 'text']) expect(app.translator.has(lang, `${p.texts}.${k}`), `${lang} ${p.texts}.${k}`).toBe(true);
      for (const f of getFaq()) for (const k of ['q', 'a', 'keywords']) expect(app.translator.has(lang, `${f.texts}.${k}`), `${lang} ${f.texts}.${k}`).toBe(true);
    }
  });
});
