/**
 * Logs keep no message body, phone number or PIN at info level: a representative scenario (a
 * WhatsApp-numbered reporter files a report with a phone number in it, an officer reads and answers,
 * sends fail and are retried, a flood, a failing turn, the database locked) runs with the production
 * pino logger at info level captured in memory, and the capture is scanned.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import type { Feature } from '../features/feature.js';
import { SendError } from '../core/errors.js';
import { FEATURES } from '../features/index.js';
import { holdWriteLock } from '../testing/dbLock.js';
import { refAndPin } from '../testing/cases.js';
import { RecordingChannel, TestUser, createTestApp } from '../testing/harness.js';
import { memoryLog } from '../testing/memoryLog.js';

const REPORTER = '6281234567890';
const OFFICER = '6285550001111';
const STORY_PHONE = '+62 812-9876-5432';
const STORY = `My employer took my passport, call my sister at ${STORY_PHONE} please`;
const NAME = 'Siti Rahayu Lestari';

let app: App;
afterEach(async () => {
  await app?.stop();
});

/** A feature whose action always throws, to exercise the apology path. */
const brokenFeature: Feature = {
  name: 'broken',
  flows: [{ id: 'broken', start: 'go', steps: { go: { call: 'broken.fail', next: { flow: 'main' } } } }],
  commands: { broken: { target: { flow: 'broken' }, officerOnly: false } },
  actions: {
    'broken.fail': () => {
      throw new Error('deliberate failure in a test action');
    },
  },
};

describe('logs', () => {
  it('hold no message body, phone number, name or PIN at info level', async () => {
    const mem = memoryLog('info');
    const wa = new RecordingChannel('whatsapp-cloud');
    const testApp = createTestApp({
      env: { OFFICER_WHATSAPP_NUMBERS: `+${OFFICER}`, RATE_LIMIT_MESSAGES: '30', DB_BUSY_TIMEOUT_MS: '100' },
      channels: [wa],
      log: mem.log,
      features: [...FEATURES, brokenFeature],
    });
    app = testApp;
    await app.start();
    const officer = new TestUser(app, OFFICER, 'whatsapp-cloud');
    await officer.start('en');
    const u = new TestUser(app, REPORTER, 'whatsapp-cloud');
    await u.start('en');
    wa.failures.push(new SendError('Cloud API 500', 'transient'), new SendError('Cloud API 131026 undeliverable', 'permanent'));
    for (const a of ['1', '1', '1', '1', '1', 'Kowloon', NAME, 'PT Sejahtera', STORY, 'done', '-', '1']) await u.say(a);
    const { ref, pin } = refAndPin(await u.say('1'));
    await officer.say(`/case ${ref}`);
    await officer.say(`/reply ${ref} We will call your sister at ${STORY_PHONE} tomorrow`);
    await u.say('/broken');
    await u.say('2');
    await u.say('1');
    await u.say(ref);
    await u.say(pin);
    for (let i = 0; i < 40; i++) await u.say(`flood ${STORY_PHONE} ${i}`);
    const lock = await holdWriteLock(app.config.DB_PATH, 400);
    await u.send(`locked ${STORY}`).catch(() => undefined);
    await lock.released;
    // Retries come due on the test clock.
    testApp.manualClock.advance(60_000);
    app.dispatcher.kick();
    expect(await app.drain(10_000)).toBe(true);

    const raw = mem.raw();
    // Something was logged at info and above, including the trouble this scenario caused.
    const messages = mem.lines().map((l) => String(l.msg));
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^database unavailable/), expect.stringMatching(/^contact is flooding/), expect.stringMatching(/^turn failed/), expect.stringMatching(/^send failed/)]));
    const digits = (s: string) => s.replace(/\D/g, '');
    const forbidden = [REPORTER, OFFICER, digits(STORY_PHONE), STORY_PHONE, 'passport', NAME, 'Kowloon', pin, 'sister'];
    for (const f of forbidden) expect({ found: f, inLogs: raw.includes(f) }).toEqual({ found: f, inLogs: false });
    // Phone-number-like digit runs anywhere (e.g. inside a chat id) are absent too.
    expect(raw.match(/\d{9,}/g)?.filter((d) => !/^1[7-9]\d{11}$/.test(d)) ?? []).toEqual([]);
  });
});
