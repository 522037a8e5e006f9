/**
 * Transcripts, in three languages, of the report's home question: the worker's district in the
 * regency and village, both optional, asked after the story and never in an urgent report.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import type { Lang } from '../../core/types.js';
import { caseByRef } from '../../domain/cases/cases.js';
import { casesByDistrict, casesByVillage } from '../../domain/places.js';
import { casesTestEnv, count, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { TestUser, createTestApp } from '../../testing/harness.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

const SKIP: Record<Lang, string> = { id: 'Lewati', en: 'Skip', jv: 'Liwati' };
const DONE: Record<Lang, string> = { id: 'selesai', en: 'done', jv: 'sampun' };
const STORY: Record<Lang, string> = {
  id: 'Gaji saya belum dibayar selama 3 bulan oleh majikan.',
  en: 'My employer has not paid my wages for 3 months.',
  jv: 'Bayaran kula dereng dipunbayar majikan sampun 3 wulan.',
};
/** The "home" line of the summary and of the officers' texts, per language. */
const HOME: Record<Lang, string> = { id: 'Asal', en: 'Home', jv: 'Asal' };

const home = (ref: string) => app.db.prepare('SELECT home_district AS district, home_village AS village FROM cases WHERE ref = ?').get(ref);

/** A worker in Hong Kong reports unpaid wages up to the story; returns what the last answer brought. */
async function toHomeQuestion(u: TestUser, lang: Lang): Promise<string[]> {
  await typeAll(u, ['1', '1', '1', '1', '1', 'Kowloon', 'Siti', '-', STORY[lang]]);
  return u.say(DONE[lang]);
}

describe('report a problem: home district and village', () => {
  for (const lang of ['id', 'en', 'jv'] as const) {
    it(`[${lang}] the worker gives district and village after the story; summary, case, officers' alert and /case show them`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      expect(await toHomeQuestion(u, lang)).toEqual([`${tr(app, lang, 'complaint.askHome')}\n\n-. ${SKIP[lang]}`]);
      expect(await u.say('Glagah')).toEqual([`${tr(app, lang, 'home.askVillage', { district: 'Glagah' })}\n\n-. ${SKIP[lang]}`]);
      expect((await u.say('Kemiren'))[0]).toMatch(new RegExp(`^${tr(app, lang, 'complaint.askContact').slice(0, 12)}`));
      const summary = await u.say('1');
      expect(summary[0]).toContain(`• ${HOME[lang]}: Glagah, Kemiren`);
      const { ref } = refAndPin(await u.say('1'));
      expect(home(ref)).toEqual({ district: 'glagah', village: 'Kemiren' });
      const alert = officer.replies();
      expect(alert).toHaveLength(1);
      expect(alert[0]).toContain(`New report ${ref}: ${tr(app, 'en', 'case.category.wages_unpaid')}, Hong Kong. Reported by: the worker.\nHome: Glagah, Kemiren\n`);
      expect((await officer.say(`/case ${ref}`)).join('\n')).toContain('• Home: Glagah, Kemiren\n');
    });

    it(`[${lang}] "-" skips the home in one answer: nothing stored, no line for officers`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'id');
      const u = await startUser(app, lang);
      await toHomeQuestion(u, lang);
      expect((await u.say('-'))[0]).toMatch(new RegExp(`^${tr(app, lang, 'complaint.askContact').slice(0, 12)}`));
      expect((await u.say('1'))[0]).toContain(`• ${HOME[lang]}: -`);
      const { ref } = refAndPin(await u.say('1'));
      expect(home(ref)).toEqual({ district: null, village: null });
      expect(officer.replies()[0]).not.toContain('Asal:');
    });
  }

  for (const [lang, typed, id, name] of [
    ['id', 'Gentheng', 'genteng', 'Genteng'],
    ['en', 'singajuruh', 'singojuruh', 'Singojuruh'],
    ['jv', 'Tegal Dlimo', 'tegaldlimo', 'Tegaldlimo'],
  ] as const)
    it(`[${lang}] a misspelled district ("${typed}") is matched to ${name}`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const u = await startUser(app, lang);
      await toHomeQuestion(u, lang);
      expect(await u.say(typed)).toEqual([`${tr(app, lang, 'home.askVillage', { district: name })}\n\n-. ${SKIP[lang]}`]);
      await typeAll(u, ['-', '1']);
      const { ref } = refAndPin(await u.say('1'));
      expect(home(ref)).toEqual({ district: id, village: null });
    });

  for (const lang of ['id', 'en', 'jv'] as const)
    it(`[${lang}] an urgent report is never asked: an urgent category, danger words in the story, the full report after sos`, async () => {
      app = createTestApp({ env: casesTestEnv });
      // Trafficking (an urgent category): straight from the story to how to be contacted.
      const a = await startUser(app, lang);
      await typeAll(a, ['1', '1', '1', '11', '1', '-', '-', '-', STORY[lang]]);
      expect((await a.say(DONE[lang]))[0]).toMatch(new RegExp(`^${tr(app, lang, 'complaint.askContact').slice(0, 12)}`));
      const summary = (await a.say('1'))[0];
      expect(summary).not.toContain(`• ${HOME[lang]}:`);
      // Danger words in the story make it urgent: not asked either.
      const b = await startUser(app, lang);
      await typeAll(b, ['1', '1', '1', '1', '1', '-', '-', '-']);
      await b.say('My employer locked me in the room and I was beaten last night.');
      expect((await b.say(DONE[lang]))[0]).toMatch(new RegExp(`^${tr(app, lang, 'complaint.askContact').slice(0, 12)}`));
      // After sos, the optional full report goes on from the story to the contact question too.
      const c = await startUser(app, lang);
      await c.say('sos');
      await typeAll(c, ['1', 'Kowloon', '1', '1', '1', '1', '2', '-', '-', '-', STORY[lang]]);
      expect((await c.say(DONE[lang]))[0]).toMatch(new RegExp(`^${tr(app, lang, 'complaint.askContact').slice(0, 12)}`));
      const texts = [a, b, c].flatMap((x) => x.replies());
      expect(texts.join('\n')).not.toContain(tr(app, lang, 'complaint.askHome'));
    });
});

describe('report a problem: unclear and other answers', () => {
  it('[id] an unclear name gives a short numbered list; "see all" gives every district; "0" types again', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'id');
    await toHomeQuestion(u, 'id');
    expect(await u.say('Tegal')).toEqual([
      `${tr(app, 'id', 'home.pick', { typed: 'Tegal', hint: { t: 'home.pickNear' } })}\n\n1. Tegaldlimo\n2. Tegalsari\n3. Lihat semua kecamatan\n4. Bukan dari Banyuwangi\n5. Lewati\n0. Kembali`,
    ]);
    expect((await u.say('0'))[0]).toBe(`${tr(app, 'id', 'complaint.askHome')}\n\n-. Lewati`);
    const none = await u.say('Surabaya');
    expect(none[0]).toBe(`${tr(app, 'id', 'home.pick', { typed: 'Surabaya', hint: { t: 'home.pickNone' } })}\n\n1. Lihat semua kecamatan\n2. Bukan dari Banyuwangi\n3. Lewati\n0. Kembali`);
    const all = (await u.say('1'))[0];
    expect(all).toContain('1. Bangorejo\n');
    expect(all).toContain('25. Wongsorejo\n26. Bukan dari Banyuwangi\n27. Lewati');
    expect((await u.say('14'))[0]).toBe(`${tr(app, 'id', 'home.askVillage', { district: 'Muncar' })}\n\n-. Lewati`);
    await typeAll(u, ['Kedungrejo', '1']);
    const { ref } = refAndPin(await u.say('1'));
    expect(home(ref)).toEqual({ district: 'muncar', village: 'Kedungrejo' });
  });

  it('[en] "outside" is an answer: stored and shown as outside Banyuwangi, no village asked', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    await toHomeQuestion(u, 'en');
    expect((await u.say('outside'))[0]).toMatch(/^How should we contact you\?/);
    expect((await u.say('1'))[0]).toContain('• Home: outside Banyuwangi');
    const { ref } = refAndPin(await u.say('1'));
    expect(home(ref)).toEqual({ district: 'outside', village: null });
    expect(officer.replies()[0]).toContain('Home: outside Banyuwangi');
  });

  it('[jv] a district with the village in one answer asks nothing more; an anonymous report is asked the district only', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'jv');
    await toHomeQuestion(u, 'jv');
    expect((await u.say('Desa Kembiritan, Kec. Genteng'))[0]).toMatch(/^Kados pundi kula ngubungi panjenengan\?/);
    await u.say('1');
    const { ref } = refAndPin(await u.say('1'));
    expect(home(ref)).toEqual({ district: 'genteng', village: 'Desa Kembiritan' });

    const anon = await startUser(app, 'jv');
    await typeAll(anon, ['1', '2', '1', '1', '1', 'Kowloon', '-', STORY.jv, DONE.jv]);
    // No village question (a village can point at one family), and none kept if typed with the district.
    expect((await anon.say('Glagah'))[0]).toContain('• Asal: Glagah\n');
    const second = refAndPin(await anon.say('1')).ref;
    expect(home(second)).toEqual({ district: 'glagah', village: null });
  });

  it('[id] the home can be fixed from the summary', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'id');
    await toHomeQuestion(u, 'id');
    await typeAll(u, ['-', '1']);
    expect((await u.say('2'))[0]).toContain(`8. ${tr(app, 'id', 'complaint.fix.home')}`);
    expect((await u.say('8'))[0]).toBe(`${tr(app, 'id', 'complaint.askHome')}\n\n-. Lewati`);
    expect((await u.say('Kemiren, Glagah'))[0]).toContain('• Asal: Glagah, Kemiren');
    const { ref } = refAndPin(await u.say('1'));
    expect(home(ref)).toEqual({ district: 'glagah', village: 'Kemiren' });

  });

  it('complaints are counted in the district chart, and per village within a district', async () => {
    app = createTestApp({ env: casesTestEnv });
    for (const [answer, village] of [
      ['Glagah', 'Kemiren'],
      ['Glagah', 'kemiren '],
      ['Glagah', 'Olehsari'],
      ['Muncar', '-'],
    ]) {
      const u = await startUser(app, 'id');
      await toHomeQuestion(u, 'id');
      await typeAll(u, [answer, village, '1', '1']);
    }
    expect(count(app, 'cases')).toBe(4);
    expect(casesByDistrict(app.db)).toEqual([
      { district: 'glagah', n: 3 },
      { district: 'muncar', n: 1 },
    ]);
    expect(casesByVillage(app.db, 'glagah')).toEqual([
      { village: 'Kemiren', n: 2 },
      { village: 'Olehsari', n: 1 },
    ]);
    expect(caseByRef(app.db, 'BWI-2611-0004')).toMatchObject({ kind: 'complaint' });
  });
});
