/**
 * Case threads, as transcripts in Indonesian, English and Javanese: after an officer writes, what
 * the reporter sends (text, photo, voice note, document) goes to that case with a short
 * acknowledgement; a message long after the thread went quiet, or one sent "to an officer", is
 * asked about first; with several open cases the person picks one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../core/types.js';
import { caseByRef, caseEvents } from '../../domain/cases/cases.js';
import { replyToReporter } from '../../domain/cases/ops.js';
import { THREAD_OPEN_MS } from '../../domain/cases/thread.js';
import { createTestApp, TestUser } from '../../testing/harness.js';
import { casesTestEnv, count, featuresWithEntries, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const STORY: Record<Lang, string> = {
  id: 'Gaji saya belum dibayar tiga bulan.',
  en: 'My wages were not paid for three months.',
  jv: 'Bayaran kula dereng dipunbayar tigang wulan.',
};
const ANSWER: Record<Lang, string> = { id: 'Ya, saya masih di rumah majikan', en: 'Yes, I am still at the employer’s house', jv: 'Inggih, kula taksih wonten griya majikan' };

async function report(u: TestUser, lang: Lang): Promise<string> {
  await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', STORY[lang], 'done', '-', '1']);
  return refAndPin(await u.say('1')).ref;
}

const hint = (ref: string) => tr(app, 'en', 'officer.answerHint', { ref });

for (const lang of ['id', 'en', 'jv'] as const) {
  describe(`case threads in ${lang}`, () => {
    it('after /reply, text, a photo, a voice note and a document go to the case; the reporter gets a short acknowledgement', async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      const ref = await report(u, lang);
      officer.replies();
      await officer.say(`/reply ${ref} Are you still at the employer's house?`);
      officer.replies();
      u.replies();

      const sent = tr(app, lang, 'thread.sent', { ref });
      expect(await u.say(ANSWER[lang])).toEqual([sent]);
      expect(officer.replies()).toEqual([`The reporter added information to ${ref}:\n${ANSWER[lang]}\n${hint(ref)}`]);
      expect(await u.sendMedia({ kind: 'image', mime: 'image/jpeg', size: 2000, ref: 'photo-1' }, 'slip gaji')).toEqual([sent]);
      expect(officer.replies()).toEqual([`The reporter added information to ${ref}:\nslip gaji\n(a photo was added; it will appear in /case shortly)\n${hint(ref)}`]);
      expect(await u.sendMedia({ kind: 'voice', mime: 'audio/ogg', size: 3000, ref: 'voice-1' })).toEqual([sent]);
      expect(officer.replies()[0]).toContain('(a voice note was added');
      expect(await u.sendMedia({ kind: 'document', mime: 'application/pdf', size: 4000, fileName: 'kontrak.pdf', ref: 'doc-1' })).toEqual([sent]);
      expect(officer.replies()[0]).toContain('(a document was added');
      // A sticker cannot be kept: a clear answer, and the thread stays open.
      expect((await u.sendMedia({ kind: 'sticker', ref: 'st-1' }))[0]).toBe(tr(app, lang, 'thread.mediaUnsupported'));

      const c = caseByRef(app.db, ref)!;
      expect(caseEvents(app.db, c.id).map((e) => e.kind)).toEqual(['created', 'message_out', 'message_in', 'attachment', 'message_in', 'attachment', 'attachment']);
      expect(count(app, 'attachments')).toBe(3);

      // A global word still works: the menu is one word away.
      expect((await u.say('menu'))[0]).toContain(tr(app, lang, 'menu.report'));
      expect(u.session().flow).toBe('main');
    });

    it('a message long after the thread went quiet is asked about: "send this to the officer handling …?"', async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      const ref = await report(u, lang);
      await officer.say(`/reply ${ref} Please send your contract.`);
      officer.replies();
      u.replies();
      app.manualClock.advance(THREAD_OPEN_MS + 60_000);

      expect(await u.say(ANSWER[lang])).toEqual([`${tr(app, lang, 'thread.confirm', { ref })}\n\n1. ${tr(app, lang, 'thread.confirmYes')}\n2. ${tr(app, lang, 'thread.confirmNo')}\n0. ${tr(app, lang, 'common.back')}`]);
      expect(officer.replies()).toEqual([]);
      expect(await u.say('1')).toEqual([tr(app, lang, 'thread.sent', { ref })]);
      expect(officer.replies()[0]).toContain(ANSWER[lang]);
    });

    it('"send this message to an officer": the only open case is confirmed by its reference; with several, the person picks', async () => {
      app = createTestApp({ env: casesTestEnv, features: featuresWithEntries() });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      const first = await report(u, lang);
      await u.say('/toofficertest');
      expect(await u.say(ANSWER[lang])).toEqual([`${tr(app, lang, 'thread.confirm', { ref: first })}\n\n1. ${tr(app, lang, 'thread.confirmYes')}\n2. ${tr(app, lang, 'thread.confirmNo')}\n0. ${tr(app, lang, 'common.back')}`]);
      officer.replies();
      expect(await u.say('1')).toEqual([tr(app, lang, 'toOfficer.added', { ref: first })]);
      expect(officer.replies()[0]).toContain(ANSWER[lang]);
      // The thread stays open: the next message follows without a question.
      expect(await u.say('Terima kasih')).toEqual([tr(app, lang, 'thread.sent', { ref: first })]);

      await u.say('menu');
      const second = await report(u, lang);
      await u.say('/toofficertest');
      const pick = await u.say('Agen saya juga tidak menjawab');
      expect(pick).toEqual([`${tr(app, lang, 'thread.pickCase')}\n\n1. ${second}\n2. ${first}\n0. ${tr(app, lang, 'common.back')}`]);
      officer.replies();
      expect(await u.say('2')).toEqual([tr(app, lang, 'toOfficer.added', { ref: first })]);
      expect(officer.replies()[0]).toContain(`to ${first}:\nAgen saya juga tidak menjawab`);
    });

    it('"send this message to an officer" by choice goes straight to the only open case, or opens a case that holds it', async () => {
      app = createTestApp({ env: casesTestEnv, features: featuresWithEntries() });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      await u.say('/toofficernow');
      const sent = await u.say(STORY[lang]);
      const ref = /\*([A-Z]{2,6}-\d{4}-\d{4,})\*/.exec(sent[0])?.[1] as string;
      const pin = /PIN: \*(\d{6})\*/.exec(sent[0])?.[1] as string;
      expect(sent[0]).toBe(tr(app, lang, 'toOfficer.created', { ref, pin }));
      expect(caseByRef(app.db, ref)).toMatchObject({ category: 'other', description: STORY[lang], reporterContactId: u.contact()!.id });
      expect(officer.replies().join('\n')).toContain(`New report ${ref}`);

      await u.say('/toofficernow');
      expect(await u.say(ANSWER[lang])).toEqual([tr(app, lang, 'toOfficer.added', { ref })]);
      expect(count(app, 'cases')).toBe(1);
      expect(officer.replies()[0]).toContain(ANSWER[lang]);
    });

    it('text not understood at the main menu, with exactly one open case: "send this to the officer handling BWI-…?" names it', async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      const ref = await report(u, lang);
      await u.say('1'); // written down
      officer.replies();
      u.replies();
      const answer = await u.say(ANSWER[lang]);
      const offer = answer.at(-1) as string;
      // The menu comes back with one more line that names the case the text would go to.
      expect(offer).toContain(tr(app, lang, 'common.sendToCaseOfficer', { ref }));
      const pick = new RegExp(`(\\d+)\\. ${tr(app, lang, 'common.sendToCaseOfficer', { ref }).replace(/[?.*+()[\]]/g, '\\$&')}`).exec(offer)?.[1] as string;
      expect(await u.say(pick)).toEqual([tr(app, lang, 'toOfficer.added', { ref })]);
      expect(officer.replies().join('\n')).toContain(ANSWER[lang]);
      expect(count(app, 'cases')).toBe(1);
    });
  });
}

describe('case threads, edges', () => {
  it('a reply from the API or the dashboard opens the thread too; a case closed meanwhile is not written to', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const ref = await report(u, 'en');
    app.notifier.transaction(({ toContact }) => replyToReporter(app.db, toContact, caseByRef(app.db, ref)!, 'api', 'Can you call us?', app.clock.now()));
    u.replies();
    officer.replies();
    expect(await u.say('I cannot call, only chat')).toEqual([tr(app, 'en', 'thread.sent', { ref })]);
    expect(officer.replies()[0]).toContain('I cannot call, only chat');

    await officer.say(`/status ${ref} closed`);
    u.replies();
    const texts = await u.say('One more thing');
    expect(texts[0]).toBe(tr(app, 'en', 'thread.closed', { ref }));
    expect(caseEvents(app.db, caseByRef(app.db, ref)!.id).filter((e) => e.text === 'One more thing')).toEqual([]);
  });

  it('the assigned officer gets the thread, the others do not', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const other = await startOfficer(app, 'en', '9002');
    const u = await startUser(app, 'id');
    const ref = await report(u, 'id');
    await officer.say(`/assign ${ref} me`);
    await officer.say(`/reply ${ref} Apakah paspor Anda masih ditahan?`);
    officer.replies();
    other.replies();
    await u.say('Masih, majikan yang pegang');
    expect(officer.replies()[0]).toContain('Masih, majikan yang pegang');
    expect(other.replies()).toEqual([]);
  });
});

describe('bad input in a thread', () => {
  it('empty, emoji-only, huge, HTML and SQL-looking text, stickers, a location and a duplicate delivery each get a clear answer', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const ref = await report(u, 'en');
    await officer.say(`/reply ${ref} Where are you now?`);
    officer.replies();
    u.replies();
    const sent = tr(app, 'en', 'thread.sent', { ref });

    expect(await u.say('   ')).toEqual([tr(app, 'en', 'common.empty'), tr(app, 'en', 'thread.prompt', { ref })]);
    expect(await u.say('🙏🙏')).toEqual([sent]);
    expect((await u.say('x'.repeat(3500)))[0]).toBe(tr(app, 'en', 'complaint.tooLongShort', { max: '3000' }));
    expect(await u.say('<script>alert(1)</script>')).toEqual([sent]);
    expect(await u.say("'; DROP TABLE cases; --")).toEqual([sent]);
    expect((await u.sendMedia({ kind: 'sticker', ref: 'st-1' }))[0]).toBe(tr(app, 'en', 'thread.mediaUnsupported'));
    expect(await u.sendMedia({ kind: 'location', latitude: 22.3701, longitude: 114.1124 })).toEqual([sent]);
    await u.send('Block B, flat 12', { platformId: 'dup-1' });
    u.replies();
    expect(await u.say('Block B, flat 12', { platformId: 'dup-1' })).toEqual([]);

    const texts = caseEvents(app.db, caseByRef(app.db, ref)!.id)
      .filter((e) => e.kind === 'message_in')
      .map((e) => e.text);
    expect(texts).toEqual(['🙏🙏', '<script>alert(1)</script>', "'; DROP TABLE cases; --", '📍 22.37010, 114.11240', 'Block B, flat 12']);
    expect(officer.replies()).toHaveLength(5);
    expect(count(app, 'cases')).toBe(1);
  });
});
