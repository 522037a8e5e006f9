/**
 * Transcripts of "every message reaches a human" (issue 14, items 1, 4, 5, 6) in Indonesian,
 * English and Javanese: danger words anywhere, nothing typed is lost, menus understand words,
 * changing language keeps your place.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../core/types.js';
import { caseByRef, caseEvents } from '../../domain/cases/cases.js';
import { createTestApp, TestUser } from '../../testing/harness.js';
import { casesTestEnv, count, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const LANGS: Lang[] = ['id', 'en', 'jv'];
const DANGER: Record<Lang, string> = {
  id: 'saya dipukul majikan, takut',
  en: 'my employer beat me and I am scared',
  jv: 'kula digebugi juragan, ajrih sanget',
};
const NOT_DANGER: Record<Lang, string[]> = {
  id: ['saya tidak dipukul, cuma gaji telat', 'apa nomor polisi?'],
  en: ['I was not beaten, my wages are late', 'what is the police number if someone hits me?'],
  jv: ['kula mboten digebugi, namung gaji telat', 'nomer kontak polisi pripun?'],
};
const CHOOSER = 'Pilih bahasa / Choose a language / Pilih basa';
const pick: Record<Lang, string> = { id: '1', en: '2', jv: '3' };

describe('danger anywhere', () => {
  for (const lang of LANGS) {
    it(`${lang}: danger words as the very first message get emergency help at once in that language, no language menu`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = new TestUser(app);
      const replies = await u.say(DANGER[lang]);
      expect(replies.join('\n')).not.toContain(CHOOSER);
      expect(replies.join('\n')).toContain('0800-1000');
      // The urgent case is opened at once: its reference follows the first line.
      expect(replies[0].split('\n')[0]).toBe(tr(app, lang, 'emergency.intro'));
      expect(replies[0]).toMatch(/\*[A-Z]{2,6}-\d{4}-\d{4,}\*/);
      expect(u.contact()?.language).toBe(lang);
      expect(u.session()).toMatchObject({ flow: 'emergency', data: { trigger: 'danger', text: DANGER[lang] } });
      expect(officer.replies().join('\n')).toContain('🚨');
    });

    it(`${lang}: danger words at the main menu and in the middle of a question start the urgent path; the question is kept`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const u = await startUser(app, lang);
      expect((await u.say(DANGER[lang])).join('\n')).toContain('0800-1000');
      expect(u.session().data).toMatchObject({ trigger: 'danger' });
      await u.say('menu');
      await typeAll(u, ['1', '1', '1', '1']); // report: consent, myself, unpaid wages → country
      await u.say('2'); // Taiwan → city question
      const replies = await u.say(DANGER[lang]);
      expect(replies.join('\n')).toContain('0800-1000');
      expect(u.session()).toMatchObject({ flow: 'emergency', paused: { flow: 'complaint', step: 'city', data: { category: 'wages_unpaid', country: 'TW' } } });
    });

    it(`${lang}: negations and questions about safety information are not alarms`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      for (const text of NOT_DANGER[lang]) {
        const replies = await u.say(text);
        expect(replies[0]).toBe(tr(app, lang, 'common.notUnderstood'));
        expect(u.session().flow).toBe('main');
      }
      expect(officer.replies()).toEqual([]);
    });
  }
});

describe('nothing typed is lost', () => {
  for (const lang of LANGS) {
    it(`${lang}: text not understood at the main menu can be sent to an officer; it reaches them as a case`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      const words = { id: 'majikan belum bayar gaji', en: 'my boss has not paid my salary', jv: 'juragan dereng mbayar gaji' }[lang];
      const [hint, menu] = await u.say(words);
      expect(hint).toBe(tr(app, lang, 'common.notUnderstood'));
      expect(menu).toContain(`9. ${tr(app, lang, 'common.sendToOfficer')}`);
      const sent = await u.say('9');
      const ref = /\*([A-Z]+-\d{4}-\d{4,})\*/.exec(sent[0])?.[1] as string;
      expect(sent[0]).toContain(tr(app, lang, 'toOfficer.created', { ref, pin: /PIN: \*(\d{6})\*/.exec(sent[0])?.[1] as string }));
      expect(caseByRef(app.db, ref)).toMatchObject({ description: words, category: 'other', reporterContactId: u.contact()!.id });
      expect(officer.replies().join('\n')).toContain(ref);
      expect(app.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'case_created' AND subject = ? AND detail = 'message_to_officer'").pluck().get(ref)).toBe(1);

      // With an open case, the next message joins its thread instead of opening another.
      await u.say('menu');
      await u.say('ada kabar?');
      const added = await u.say('9');
      expect(added[0]).toBe(tr(app, lang, 'toOfficer.added', { ref }));
      expect(count(app, 'cases')).toBe(1);
      expect(caseEvents(app.db, caseByRef(app.db, ref)!.id).map((e) => [e.kind, e.text])).toContainEqual(['message_in', 'ada kabar?']);
      expect(officer.replies().join('\n')).toContain('ada kabar?');
    });
  }

  it('a first message that tells a story is kept, offered after the language choice, and becomes the report', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = new TestUser(app);
    const story = 'assalamualaikum, saya mau lapor gaji belum dibayar 3 bulan';
    const first = await u.say(story);
    expect(first[0]).toBe(tr(app, 'id', 'common.storyKept'));
    expect(first[1]).toContain(CHOOSER);
    const offered = await u.say('1');
    expect(offered[0]).toBe(tr(app, 'id', 'common.languageSet'));
    expect(offered[1]).toBe(`${tr(app, 'id', 'main.storyQuote')}\n“${story}”`);
    expect(offered[2]).toMatch(/^Apakah Anda ingin melaporkan ini/);
    const consent = await u.say('1');
    expect(consent[0]).toMatch(/^Sebelum melapor/);
    // consent, myself, unpaid wages, Malaysia, city, name, agency: then no story question.
    const asked = await typeAll(u, ['1', '1', '1', '3', '-', '-', '-']);
    expect(asked.at(-1)).toMatch(/^Apakah ada foto/);
    const summary = await typeAll(u, ['selesai', '-', '1']);
    expect(summary.join('\n')).toContain(story);
  });

  for (const lang of LANGS) {
    it(`${lang}: a story can also go straight to an officer, and a greeting is not a story`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const u = new TestUser(app);
      const story = { id: 'gaji saya belum dibayar tiga bulan oleh majikan', en: 'my salary has not been paid for three months', jv: 'gaji kula dereng dipunbayar tigang wulan' }[lang];
      await u.say(story);
      const offered = await u.say(pick[lang]);
      expect(offered.at(-1)).toContain(`2. ${tr(app, lang, 'main.storyToOfficer')}`);
      const sent = await u.say('2');
      expect(sent[0]).toMatch(/PIN: \*\d{6}\*/);
      expect(count(app, 'cases')).toBe(1);

      const other = new TestUser(app);
      expect((await other.say('halo selamat pagi'))[0]).toContain(CHOOSER);
      const replies = await other.say(pick[lang]);
      expect(replies.join('\n')).not.toContain(tr(app, lang, 'main.storyQuote'));
    });
  }
});

describe('the reference and PIN stay on screen', () => {
  it('"0" at "have you written them down?" does not lead back to the confirmation (no second report)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'en');
    const done = await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', 'My wages were not paid for 3 months.', 'done', '-', '1', '1']);
    expect(done.at(-2)).toMatch(/PIN: \*\d{6}\*/);
    expect(done.at(-1)).toBe(`${tr(app, 'en', 'complaint.writtenDown')}\n\n1. ${tr(app, 'en', 'complaint.writtenYes')}`);
    expect((await u.say('0'))[0]).toMatch(/^Banyuwangi Migrant Workers/);
    expect(await u.say('1')).toEqual([expect.stringMatching(/^Before you report/)]);
    expect(count(app, 'cases')).toBe(1);
  });
});

describe('menus understand words', () => {
  const report: Record<Lang, string> = { id: 'laporkan masalah', en: 'Report', jv: 'lapuraken' };
  const countries: Record<Lang, [string, string][]> = {
    id: [['hongkong', 'HK'], ['Malaysia', 'MY'], ['arab saudi', 'SA']],
    en: [['HK', 'HK'], ['saudi', 'SA'], ['south korea', 'KR']],
    jv: [['korsel', 'KR'], ['Taiwan', 'TW'], ['jepang', 'JP']],
  };
  for (const lang of LANGS) {
    it(`${lang}: typing an option's label, a synonym or a unique start selects it; numbers keep working`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const u = await startUser(app, lang);
      expect((await u.say(report[lang]))[0]).toBe(u.app.translator.render(lang, { key: 'complaint.consent' }) + consentChoices(lang));
      await typeAll(u, ['1', '1', '1']);
      for (const [typed, code] of countries[lang]) {
        const replies = await u.say(typed);
        expect(replies.at(-1)).toMatch(/^(Di kota|In which city|Ing kutha)/);
        expect(u.session().data.country).toBe(code);
        await u.say('0');
      }
      await u.say('5');
      expect(u.session().data.country).toBe('SG');
    });
  }

  function consentChoices(lang: Lang): string {
    const t = (k: string) => tr(app, lang, k);
    return `\n\n1. ${t('complaint.consentYes')}\n2. ${t('complaint.consentAnonymous')}\n3. ${t('complaint.consentNo')}\n0. ${t('common.back')}`;
  }

  it('the language menu takes the language by name', async () => {
    app = createTestApp();
    const u = new TestUser(app);
    await u.say('halo');
    expect((await u.say('Javanese'))[0]).toBe(tr(app, 'jv', 'common.languageSet'));
    expect(u.contact()?.language).toBe('jv');
  });
});

describe('changing language keeps your place', () => {
  for (const [from, to] of [['id', 'en'], ['en', 'jv'], ['jv', 'id']] as const) {
    it(`${from} → ${to} in the middle of a report: the same question again in ${to}, answers kept`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const u = await startUser(app, from);
      await typeAll(u, ['1', '1', '1', '1', '3']); // consent, myself, unpaid wages, Malaysia → city
      const chooser = await u.say({ id: 'bahasa', en: 'language', jv: 'basa' }[from]);
      expect(chooser[0]).toContain(CHOOSER);
      const again = await u.say(pick[to]);
      expect(again[0]).toBe(tr(app, to, 'common.languageSet'));
      expect(again[1]).toBe(`${tr(app, to, 'complaint.askCity')}\n\n-. ${tr(app, to, 'common.skip')}`);
      expect(u.session()).toMatchObject({ flow: 'complaint', step: 'city', data: { category: 'wages_unpaid', country: 'MY' } });
      const summary = await typeAll(u, ['Kuala Lumpur', 'Siti', '-', 'Gaji belum dibayar tiga bulan.', '-', '-', '1']);
      expect(summary.join('\n')).toContain('Kuala Lumpur');
      expect(u.session().data).toMatchObject({ category: 'wages_unpaid', country: 'MY', city: 'Kuala Lumpur', workerName: 'Siti' });
    });
  }
});
