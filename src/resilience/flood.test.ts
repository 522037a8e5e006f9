/**
 * Floods: a contact sending 50 messages in 10 s is answered once with a slow-down notice in their
 * language; the rest are marked seen (not redelivered) and dropped, other contacts are unaffected,
 * and an emergency word or danger words always get through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { parseConfig } from '../config.js';
import type { Lang } from '../core/types.js';
import { TestUser, createTestApp } from '../testing/harness.js';
import type { ManualClock } from '../core/clock.js';

let app: App & { manualClock: ManualClock };
afterEach(async () => {
  await app?.stop();
});

const seen = (chat: string) => app.db.prepare("SELECT COUNT(*) FROM inbound_seen WHERE platform_id LIKE ?").pluck().get(`${chat}-%`) as number;

describe('per-contact rate limit (RATE_LIMIT_MESSAGES per RATE_LIMIT_WINDOW_SECONDS)', () => {
  it.each(['id', 'en', 'jv'] as const)('%s: 50 messages in 10 s get the 20 answers, then ONE slow-down notice, then silence; a calm contact is unaffected', async (lang: Lang) => {
    app = createTestApp({ env: { RATE_LIMIT_MESSAGES: '20', RATE_LIMIT_WINDOW_SECONDS: '10' } });
    const flooder = new TestUser(app, `fl-${lang}`);
    const calm = new TestUser(app, `calm-${lang}`);
    await flooder.start(lang);
    await calm.start(lang);
    app.manualClock.advance(60_000);
    flooder.replies();
    calm.replies();

    const perMessage: string[][] = [];
    const calmReplies: string[][] = [];
    for (let i = 0; i < 50; i++) {
      expect(await flooder.send('menu', { platformId: `fl-${lang}-${i}` })).toBe('handled');
      perMessage.push(flooder.replies());
      if (i % 5 === 0) calmReplies.push(await calm.say('menu'));
      app.manualClock.advance(190);
    }
    const notice = app.translator.t(lang, 'common.slowDown', { seconds: 10 });
    expect(perMessage.slice(0, 20).every((r) => r.length === 1 && r[0] !== notice)).toBe(true);
    expect(perMessage[20]).toEqual([notice]);
    expect(perMessage.slice(21).flat()).toEqual([]);
    expect(perMessage.flat().filter((t) => t === notice)).toHaveLength(1);
    // Every message is marked seen, so the platform's redelivery would be dropped too.
    expect(seen(`fl-${lang}`)).toBe(50);
    expect(calmReplies.every((r) => r.length === 1)).toBe(true);

    // The window passes: answered normally again.
    app.manualClock.advance(10_000);
    expect(await flooder.say('menu')).toHaveLength(1);
  });

  it('an emergency word or danger words get through while limited (a person in danger is never silenced)', async () => {
    app = createTestApp({ env: { RATE_LIMIT_MESSAGES: '5', RATE_LIMIT_WINDOW_SECONDS: '30' } });
    const u = new TestUser(app);
    await u.start('en');
    app.manualClock.advance(60_000);
    u.replies();
    for (let i = 0; i < 6; i++) await u.say('hello');
    expect(await u.say('hello')).toEqual([]);
    const sos = await u.say('sos');
    expect(sos.join('\n')).toContain(app.translator.t('en', 'emergency.contactsTitle').slice(0, 15));
    expect(u.session().flow).toBe('emergency');
    // The sos opened an urgent case: from now on everything this person sends passes the limit (the urgent lane).
    expect((await u.say('menu')).length).toBeGreaterThan(0);
    const danger = await u.say('Help me, I am locked in');
    expect(danger.at(-1)).toContain(app.translator.t('en', 'emergency.askCountry'));
    expect(u.session().flow).toBe('emergency');
  });

  it('the defaults are 20 messages per 10 seconds', () => {
    expect(parseConfig({}).RATE_LIMIT_MESSAGES).toBe(20);
    expect(parseConfig({}).RATE_LIMIT_WINDOW_SECONDS).toBe(10);
  });

  it('officers are not limited (a /reply burst is work, not a flood)', async () => {
    app = createTestApp({ env: { RATE_LIMIT_MESSAGES: '3', OFFICER_TELEGRAM_IDS: '9001' } });
    const o = new TestUser(app, '9001', 'telegram');
    await o.start('en');
    for (let i = 0; i < 10; i++) expect((await o.say('menu')).length).toBe(1);
  });
});
