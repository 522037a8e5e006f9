/**
 * The urgent path as people use it, in Indonesian, English and Javanese: the urgent case and its
 * reference at once, emergency contacts at once (one tap for the country), at most two questions,
 * officers alerted with the reference and the words, and an honest answer when nobody is on duty.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../core/types.js';
import { caseByRef, caseEvents } from '../../domain/cases/cases.js';
import { createTestApp, TestUser } from '../../testing/harness.js';
import { casesTestEnv, count, featuresWithEntries, refAndPin, refIn, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const SOS: Record<Lang, string> = { id: 'darurat', en: 'emergency', jv: 'sos' };
const DANGER: Record<Lang, string> = {
  id: 'saya dipukul majikan, takut',
  en: 'my employer beat me and locked me in',
  jv: 'kula digebugi majikan, ajrih',
};
const ANSWER: Record<Lang, string> = { id: 'Ya saya aman sekarang', en: 'Yes I am safe now', jv: 'Inggih kula sampun aman' };

for (const lang of ['id', 'en', 'jv'] as const) {
  describe(`the urgent path in ${lang}`, () => {
    it('sos: the urgent case and reference at once, contacts at once, officers alerted with the reference', async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);

      const texts = await u.say(SOS[lang]);
      const ref = refIn(texts);
      expect(texts[0]).toBe([tr(app, lang, 'emergency.intro'), tr(app, lang, 'emergency.opened', { ref }), tr(app, lang, 'emergency.officersAlerted')].join('\n'));
      expect(texts[1]).toContain('0800-1000');
      expect(texts[2]).toMatch(new RegExp(`^${tr(app, lang, 'emergency.askCountry').replace(/[?()]/g, '\\$&')}\\n\\n1\\. Hong Kong`));
      expect(texts).toHaveLength(3);
      expect(caseByRef(app.db, ref)).toMatchObject({ urgent: true, urgentReason: 'sos', status: 'new', reporterContactId: u.contact()!.id });
      // No consent wall before help: the case exists on the vital-interest basis.
      expect(caseByRef(app.db, ref)!.details).toMatchObject({ origin: 'emergency', basis: 'vital_interest' });

      const alert = officer.replies();
      expect(alert).toHaveLength(1);
      expect(alert[0]).toBe(
        [
          '🚨 URGENT',
          `Emergency ${ref}: someone typed the emergency word (country: -, via console). They were given the emergency contacts.`,
          `Answer now: /reply ${ref} your message · details: /case ${ref}`,
        ].join('\n'),
      );
    });

    it('one tap names the country, then at most two questions (where; is it safe), then the full report is optional', async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'id');
      const u = await startUser(app, lang);
      const ref = refIn(await u.say(SOS[lang]));
      officer.replies();

      const afterCountry = await u.say('1'); // Hong Kong
      expect(afterCountry[0]).toContain('KJRI Hong Kong');
      expect(afterCountry[1]).toMatch(new RegExp(`^${tr(app, lang, 'emergency.askWhere').replace(/[?()]/g, '\\$&')}`));
      expect(u.contact()!.country).toBe('HK');
      const afterWhere = await u.say('Tsuen Wan, Block B');
      expect(afterWhere).toEqual([expect.stringMatching(new RegExp(`^${tr(app, lang, 'emergency.askSafe').replace(/[?()]/g, '\\$&')}\\n\\n1\\. `))]);
      expect(officer.replies()).toEqual([`🚨 MENDESAK\n${ref}: posisi orang itu sekarang:\nTsuen Wan, Block B\n${tr(app, 'id', 'officer.answerHint', { ref })}`]);

      const afterSafe = await u.say('2'); // not safe
      expect(afterSafe[0]).toBe(tr(app, lang, 'emergency.unsafeNoted'));
      expect(afterSafe[1]).toMatch(new RegExp(`^${tr(app, lang, 'emergency.offerReport', { ref }).slice(0, 30).replace(/[?()*]/g, '\\$&')}`));
      expect(officer.replies()[0]).toContain(`${ref}: TIDAK aman untuk chat di sana.`);
      const notNow = await u.say('2');
      expect(notNow[0]).toBe(tr(app, lang, 'emergency.endNote', { ref }));
      expect(u.session().flow).toBe('main');

      const c = caseByRef(app.db, ref)!;
      expect(c).toMatchObject({ country: 'HK', city: 'Tsuen Wan, Block B' });
      expect(c.details).toMatchObject({ safeToChat: 'no' });
      expect(caseEvents(app.db, c.id).map((e) => e.kind)).toEqual(['created', 'urgent', 'message_in', 'note']);
    });

    it('officers can /reply to the urgent case at once, and the free-text answer reaches the officer', async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      const ref = refIn(await u.say(SOS[lang]));
      officer.replies();

      expect((await officer.say(`/reply ${ref} Are you safe now?`))[0]).toBe(`Sent to the reporter of ${ref}.`);
      expect(u.replies()).toEqual([[tr(app, lang, 'case.officerReplied', { ref }), 'Are you safe now?', tr(app, lang, 'case.howToAnswer')].join('\n')]);
      // The answer goes to the officer, not to the country menu the person was at.
      expect(await u.say(ANSWER[lang])).toEqual([tr(app, lang, 'thread.sent', { ref })]);
      expect(officer.replies()).toEqual([`🚨 URGENT\nThe reporter added information to ${ref}:\n${ANSWER[lang]}\n${tr(app, 'en', 'officer.answerHint', { ref })}`]);
      const c = caseByRef(app.db, ref)!;
      expect(caseEvents(app.db, c.id).slice(-2).map((e) => [e.kind, e.text])).toEqual([
        ['message_out', 'Are you safe now?'],
        ['message_in', ANSWER[lang]],
      ]);
    });

    it('words of danger enter the urgent path with the message: the officers read it with the reference', async () => {
      app = createTestApp({ env: casesTestEnv, features: featuresWithEntries() });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      await u.say('/dangertest');
      u.replies();

      const texts = await u.say(DANGER[lang]);
      const ref = refIn(texts);
      expect(texts[0]).toContain(tr(app, lang, 'emergency.officersAlerted'));
      expect(caseByRef(app.db, ref)).toMatchObject({ urgent: true, urgentReason: 'words', description: DANGER[lang] });
      expect(officer.replies()).toEqual([
        [
          '🚨 URGENT',
          `Emergency ${ref}: someone wrote words of danger (country: -, via console). They were given the emergency contacts.`,
          `“${DANGER[lang]}”`,
          `Answer now: /reply ${ref} your message · details: /case ${ref}`,
        ].join('\n'),
      ]);
    });

    it('never promises what did not happen: with no reachable officer it says nobody is on duty and gives the numbers', async () => {
      // Officer chats are configured but none has started the bot (nothing was ever delivered to them).
      app = createTestApp({ env: casesTestEnv });
      const u = await startUser(app, lang);
      expect(app.contacts.officers().map((o) => o.chatId)).toEqual(['9001', '9002']);

      const texts = await u.say(SOS[lang]);
      const ref = refIn(texts);
      expect(texts[0]).toBe([tr(app, lang, 'emergency.intro'), tr(app, lang, 'emergency.opened', { ref }), tr(app, lang, 'emergency.nobodyOnDuty')].join('\n'));
      expect(texts.join('\n')).not.toContain(tr(app, lang, 'emergency.officersAlerted'));
      expect(texts[1]).toContain('0800-1000');
      // The case and the alerts are still there for when an officer comes.
      expect(count(app, 'cases')).toBe(1);
      expect(app.db.prepare("SELECT COUNT(*) FROM outbox WHERE chat_id IN ('9001', '9002')").pluck().get()).toBe(2);
    });
  });
}

describe('the urgent path, edges', () => {
  it('an officer signed in to the dashboard counts as on duty', async () => {
    app = createTestApp();
    const u = await startUser(app, 'en');
    const now = app.clock.now();
    const officerId = app.db
      .prepare("INSERT INTO officers (username, password_hash, role, created_at, updated_at) VALUES ('ana', 'x', 'officer', ?, ?) RETURNING id")
      .pluck()
      .get(now, now) as number;
    app.db
      .prepare('INSERT INTO officer_sessions (id_hash, officer_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('h', officerId, 'c', now, now, now + 3600_000);
    expect((await u.say('sos'))[0]).toContain(tr(app, 'en', 'emergency.officersAlerted'));
    // Twenty minutes later the dashboard session is idle: nobody is on duty.
    app.manualClock.advance(20 * 60_000);
    await u.say('menu');
    app.manualClock.advance(24 * 3600_000);
    expect((await u.say('sos'))[0]).toContain(tr(app, 'en', 'emergency.nobodyOnDuty'));
  });

  it('sos as the very first message, before any language: help at once, and the next answer continues the urgent path', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = new TestUser(app);
    const texts = await u.say('SOS');
    const ref = refIn(texts);
    expect(texts[0]).toContain(tr(app, 'id', 'emergency.officersAlerted'));
    expect(officer.replies()[0]).toContain(`Emergency ${ref}`);
    // Malaysia: its own emergency number (999) first, then "where are you?".
    const malaysia = await u.say('3');
    expect(malaysia[0]).toContain('Polisi: 999');
    expect(malaysia.at(-1)).toMatch(/^Di mana Anda sekarang\?/);
    expect(caseByRef(app.db, ref)!.country).toBe('MY');
  });

  it('a second emergency within a day adds to the same urgent case; new words of danger page the officers again', async () => {
    app = createTestApp({ env: casesTestEnv, features: featuresWithEntries() });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    const ref = refIn(await u.say('sos'));
    officer.replies();
    await u.say('/dangertest');
    const again = await u.say('tolong saya, saya dikurung');
    expect(again[0]).toContain(tr(app, 'id', 'emergency.stillOpen', { ref }));
    expect(count(app, 'cases')).toBe(1);
    expect(officer.replies()[0]).toMatch(new RegExp(`^🚨 URGENT\\nEmergency ${ref} again: someone wrote words of danger`));
  });
});

describe('the urgent path inside a case thread', () => {
  it('words of danger while an officer is talking with the person make that case urgent instead of opening another', async () => {
    app = createTestApp({ env: casesTestEnv, features: featuresWithEntries() });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', 'My wages were not paid for three months.', 'done', '-', '1']);
    const { ref } = refAndPin(await u.say('1'));
    await officer.say(`/reply ${ref} Is your employer there now?`);
    officer.replies();
    await u.say('/dangertest');
    const texts = await u.say('he hit me again, I am scared');
    expect(texts[0]).toContain(tr(app, 'en', 'emergency.stillOpen', { ref }));
    // Its questions are not asked again: the officer is already talking with the person.
    expect(texts.join('\n')).not.toContain(tr(app, 'en', 'emergency.askWhere'));
    expect(count(app, 'cases')).toBe(1);
    expect(caseByRef(app.db, ref)).toMatchObject({ urgent: true, urgentReason: 'words' });
    expect(officer.replies()[0]).toMatch(new RegExp(`^🚨 URGENT\\nEmergency ${ref}: someone wrote words of danger .*\\n“he hit me again, I am scared”`));
  });
});

describe('bad input on the urgent path', () => {
  it('a sticker, nothing, or a huge answer at each question gets a clear answer and the question again; a location answers "where"', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const ref = refIn(await u.say('sos'));
    officer.replies();
    const country = await u.sendMedia({ kind: 'sticker', ref: 'st-1' });
    expect(country[0]).toBe(tr(app, 'en', 'common.mediaNotHere'));
    expect(country[1]).toMatch(/^Which country are you in\?/);
    await u.say('2'); // Taiwan
    const where = await u.sendMedia({ kind: 'sticker', ref: 'st-2' });
    expect(where[0]).toBe(tr(app, 'en', 'emergency.whereHint'));
    expect(where[1]).toMatch(/^Where are you now\?/);
    expect((await u.say('y'.repeat(600)))[0]).toBe(tr(app, 'en', 'complaint.tooLongShort', { max: '500' }));
    expect((await u.sendMedia({ kind: 'location', latitude: 25.033, longitude: 121.5654 }))[0]).toMatch(/^Is it safe to chat here\?/);
    expect(officer.replies()[0]).toContain(`${ref}: where the person is now:\n📍 25.03300, 121.56540`);
    expect(caseByRef(app.db, ref)).toMatchObject({ country: 'TW', city: '📍 25.03300, 121.56540' });
  });
});

describe('the urgent path in a group chat', () => {
  it('gives the emergency contacts and points to a private chat; no case is collected there', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'en');
    const texts = await u.say('sos', { group: true });
    expect(texts[0]).toBe(tr(app, 'en', 'emergency.intro'));
    expect(texts[1]).toContain('0800-1000');
    expect(texts[2]).toBe(tr(app, 'en', 'common.groupNotice'));
    expect(count(app, 'cases')).toBe(0);
  });
});

describe('honest notices in an urgent report', () => {
  it('an urgent report with no reachable officer never says officers were alerted (notice, summary, what happens next)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'en');
    await typeAll(u, ['1', '1', '1', '4']); // consent, self, violence or abuse
    const notice = await u.say('1'); // Hong Kong
    expect(notice[0]).toBe(tr(app, 'en', 'complaint.urgentNoticeNobody'));
    await typeAll(u, ['-', '-', '-', 'My employer hits me every day.', 'done']);
    const summary = (await u.say('1')).join('\n');
    expect(summary).toContain(tr(app, 'en', 'complaint.summaryUrgentNobody'));
    const done = (await u.say('1')).join('\n');
    expect(done).toContain(tr(app, 'en', 'complaint.nextUrgentNobody', { ref: refAndPin([done]).ref }));
    expect(`${notice.join('\n')}\n${summary}\n${done}`).not.toMatch(/officers (have been|were) alerted/);
  });
});
