/** The urgent lane on a paced platform channel: an urgent message overtakes a long queue of replies. */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { systemClock } from '../core/clock.js';
import { createTestApp, RecordingChannel } from '../testing/harness.js';
import { PRIORITY } from './store.js';

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
});

describe('urgent lane', () => {
  it('an urgent message committed behind 200 queued replies is among the next few sent', async () => {
    const ch = new RecordingChannel('telegram');
    app = createTestApp({ clock: systemClock, channels: [ch], pacing: { telegram: { perSecond: 100, perChatGapMs: 0, concurrency: 1 } } });
    const now = app.clock.now();
    const chatter = app.contacts.upsert('telegram', '111', now, false);
    const officer = app.contacts.upsert('telegram', '999', now, true);
    app.notifier.transaction((out) => {
      for (let i = 0; i < 200; i++) out.to(chatter, { text: { raw: `chatter ${i}` } });
    });
    await app.start();
    while (ch.sent.length < 10) await new Promise((r) => setTimeout(r, 5));
    const sentBefore = ch.sent.length;
    app.notifier.notify(officer.id, { text: { raw: 'URGENT alert' } }, PRIORITY.urgent);
    while (!ch.textsTo('999').length) await new Promise((r) => setTimeout(r, 5));
    const position = ch.sent.findIndex((s) => s.chatId === '999');
    expect(position - sentBefore).toBeLessThanOrEqual(3);
    expect(ch.sent.length).toBeLessThan(200);
  });
});
