/** Satisfaction after a case is closed: transcripts in Indonesian, English and Javanese. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../core/types.js';
import { caseByRef } from '../../domain/cases/cases.js';
import { IDLE_TAKEOVER_MS, QUIET_MS } from '../../domain/cases/satisfactionSession.js';
import { createTestApp, type TestUser } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { askSatisfaction } from './satisfactionJob.js';
import { eraseContactData } from '../../domain/contacts/erasure.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

async function report(u: TestUser, story: string): Promise<string> {
  await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', story, 'done', '-', '1']);
  const { ref } = refAndPin(await u.say('1'));
  await u.say('1'); // "Have you written them down?" yes
  return ref;
}

/** The question as the person reads it, from the locale files. */
function question(lang: Lang, ref: string): string {
  return [
    tr(app, lang, 'satisfaction.ask', { ref }),
    '',
    ...[1, 2, 3, 4, 5].map((n) => `${n}. ${tr(app, lang, `satisfaction.score.${n}`)}`),
    `6. ${tr(app, lang, 'common.skip')}`,
  ].join('\n');
}

const survey = (ref: string) =>
  app.db.prepare('SELECT s.state, s.score, s.comment, s.contact_id AS contactId FROM satisfaction_surveys s JOIN cases c ON c.id = s.case_id WHERE c.ref = ?').get(ref) as
    | { state: string; score: number | null; comment: string | null; contactId: number | null }
    | undefined;

/** The job as the scheduler runs it, after the reporter has been quiet for a while. */
function laterRunJob(): number {
  app.manualClock.advance(QUIET_MS);
  return askSatisfaction(app.services);
}

const STORIES: Record<Lang, { story: string; comment: string }> = {
  id: { story: 'Gaji saya tidak dibayar tiga bulan.', comment: 'Petugasnya cepat membalas, terima kasih.' },
  en: { story: 'My wages were not paid for three months.', comment: 'The officer answered quickly, thank you.' },
  jv: { story: 'Bayaran kula dereng dipunbayar tigang wulan.', comment: 'Petugasipun enggal mangsuli, matur nuwun.' },
};

describe('satisfaction question after a case is closed', () => {
  for (const lang of ['id', 'en', 'jv'] as const) {
    it(`[${lang}] the reporter rates 4 and leaves a comment; both are stored`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      const ref = await report(u, STORIES[lang].story);
      await officer.say(`/status ${ref} closed`);
      expect(u.replies()).toEqual([tr(app, lang, 'case.statusChanged', { ref, status: tr(app, lang, 'case.statusPlain.closed') })]);

      expect(laterRunJob()).toBe(1);
      expect(u.replies()).toEqual([question(lang, ref)]);
      // Asked once: the next run asks nothing.
      expect(askSatisfaction(app.services)).toBe(0);

      const afterScore = await u.say('4');
      expect(afterScore).toEqual([`${tr(app, lang, 'satisfaction.comment')}\n\n-. ${tr(app, lang, 'common.skip')}`]);
      const done = await u.say(STORIES[lang].comment);
      expect(done[0]).toBe(tr(app, lang, 'satisfaction.thanksComment'));
      expect(u.session().flow).toBe('main');
      expect(survey(ref)).toEqual({ state: 'answered', score: 4, comment: STORIES[lang].comment, contactId: u.contact()!.id });
    });
  }

  it('[id] "lewati" skips the question; nothing is scored', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    const ref = await report(u, STORIES.id.story);
    await officer.say(`/status ${ref} closed`);
    u.replies();
    laterRunJob();
    expect(u.replies()).toEqual([question('id', ref)]);
    const replies = await u.say('lewati');
    expect(replies[0]).toBe(tr(app, 'id', 'satisfaction.skipped'));
    expect(survey(ref)).toMatchObject({ state: 'skipped', score: null, comment: null });
  });

  it('[jv] a score without a comment ("-"); [en] the skip number', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const jv = await startUser(app, 'jv');
    const en = await startUser(app, 'en');
    const refJv = await report(jv, STORIES.jv.story);
    const refEn = await report(en, STORIES.en.story);
    await officer.say(`/status ${refJv} closed`);
    await officer.say(`/status ${refEn} closed`);
    expect(laterRunJob()).toBe(2);
    jv.replies();
    en.replies();
    await jv.say('5');
    expect((await jv.say('-'))[0]).toBe(tr(app, 'jv', 'satisfaction.thanks'));
    expect(survey(refJv)).toMatchObject({ state: 'answered', score: 5, comment: null });
    expect((await en.say('6'))[0]).toBe(tr(app, 'en', 'satisfaction.skipped'));
    expect(survey(refEn)).toMatchObject({ state: 'skipped', score: null });
  });

  it('an anonymous report is never asked, unless a chat follows the case', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'jv');
    await typeAll(u, ['1', '2', '1', '3', '3', 'Kuala Lumpur', '-', 'Paspor kula dipuncepeng majikan wiwit wulan kepungkur.', 'sampun', '-']);
    const { ref } = refAndPin(await u.say('1'));
    await u.say('1');
    await officer.say(`/status ${ref} closed`);
    u.replies();
    expect(laterRunJob()).toBe(0);
    expect(u.replies()).toEqual([]);
    expect(survey(ref)).toBeUndefined();

    // The same kind of report, followed from another chat: that chat is asked.
    await officer.say(`/status ${ref} in_progress`);
    const follower = await startUser(app, 'en');
    const c = caseByRef(app.db, ref)!;
    app.db.prepare('INSERT INTO case_followers (case_id, contact_id, details, added_at) VALUES (?, ?, 0, ?)').run(c.id, follower.contact()!.id, app.clock.now());
    await officer.say(`/status ${ref} closed`);
    follower.replies();
    expect(laterRunJob()).toBe(1);
    expect(follower.replies()).toEqual([question('en', ref)]);
    expect(u.replies()).toEqual([]);
    await follower.say('3');
    expect(survey(ref)).toMatchObject({ state: 'answered', score: 3, contactId: follower.contact()!.id });
  });

  it('a reporter half-way through another flow is not interrupted: asked once they are back at the menu', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const ref = await report(u, STORIES.en.story);
    await officer.say(`/status ${ref} closed`);
    // A new report begun: the consent question waits for an answer.
    await u.say('1');
    const here = u.session();
    u.replies();
    expect(laterRunJob()).toBe(0);
    expect(u.replies()).toEqual([]);
    expect(u.session()).toMatchObject({ flow: here.flow, step: here.step });
    expect(survey(ref)).toMatchObject({ state: 'pending' });
    // "1" still answers the report's question, not a score.
    await u.say('1');
    expect(u.session().flow).toBe('complaint');
    expect(survey(ref)).toMatchObject({ state: 'pending' });

    // Back at the main menu and quiet: now the question comes.
    await u.say('menu');
    u.replies();
    expect(laterRunJob()).toBe(1);
    expect(u.replies()).toEqual([question('en', ref)]);
  });

  it('someone who wrote a moment ago is not asked yet; an answer that is no score goes to the main menu', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const ref = await report(u, STORIES.en.story);
    await officer.say(`/status ${ref} closed`);
    u.replies();
    expect(askSatisfaction(app.services)).toBe(0); // wrote just now
    expect(laterRunJob()).toBe(1);
    u.replies();
    const replies = await u.say('menu');
    expect(replies[0]).toMatch(/^Banyuwangi Migrant Workers' Helpline/);
    expect(survey(ref)).toMatchObject({ state: 'asked', score: null });
  });

  it('"delete my data" keeps only the anonymous score: the comment and who gave it go', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const ref = await report(u, STORIES.en.story);
    await officer.say(`/status ${ref} closed`);
    laterRunJob();
    await u.say('2');
    await u.say('Nobody called me back for a week.');
    expect(survey(ref)).toMatchObject({ score: 2, comment: 'Nobody called me back for a week.' });
    app.db.transaction(() => eraseContactData(app.db, u.contact()!, app.config.DATA_DIR, app.clock.now()))();
    expect(survey(ref)).toEqual({ state: 'answered', score: 2, comment: null, contactId: null });
  });

  it('a conversation left inside a flow for hours is asked, and the person is brought back to where they were', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'id');
    const u = await startUser(app, 'id');
    const ref = await report(u, STORIES.id.story);
    await officer.say(`/status ${ref} closed`);
    const consent = (await u.say('1')).at(-1)!; // a new report begun, then left
    const here = u.session();
    expect(laterRunJob()).toBe(0);
    app.manualClock.advance(IDLE_TAKEOVER_MS);
    u.replies();
    expect(askSatisfaction(app.services)).toBe(1);
    expect(u.replies()).toEqual([question('id', ref)]);
    await u.say('5');
    const back = await u.say('-');
    expect(back).toEqual([tr(app, 'id', 'satisfaction.thanks'), tr(app, 'id', 'common.resumed'), consent]);
    expect(u.session()).toMatchObject({ flow: here.flow, step: here.step });
    expect(survey(ref)).toMatchObject({ state: 'answered', score: 5 });
  });
});
