/** Which officer chats can receive alerts: registered at start-up, and what each fact about them means. */
import { afterEach, describe, expect, it } from 'vitest';
import { officerChatsSection } from '../../features/channelStatus/officerChatsSection.js';
import { RecordingChannel, createTestApp } from '../../testing/harness.js';
import { TestUser } from '../../testing/harness.js';
import { officerChats, officerReachSummary, officersOnDuty, recordProbe } from './reach.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const env = { OFFICER_TELEGRAM_IDS: '111,222,333,444', OFFICER_WHATSAPP_NUMBERS: '+62 811-000-555' };

describe('officer chats', () => {
  it('configured chats are officer contacts from start-up; WhatsApp numbers wait for a WhatsApp channel', async () => {
    app = createTestApp({ env });
    expect(app.contacts.officers().map((c) => [c.channel, c.chatId])).toEqual([
      ['telegram', '111'],
      ['telegram', '222'],
      ['telegram', '333'],
      ['telegram', '444'],
    ]);
    const chats = officerChats(app.db, app.config, app.channels.keys(), app.clock.now());
    expect(chats.at(-1)).toEqual({ contactId: null, channel: null, chatId: '+62 811-000-555', configured: true, reach: 'unreachable', reason: 'channel_off' });
    await app.stop();

    app = createTestApp({ env, channels: [new RecordingChannel('whatsapp-cloud')] });
    expect(app.contacts.find('whatsapp-cloud', '62811000555')?.role).toBe('officer');
  });

  it('reachable when the chat wrote, a message was delivered or a probe passed; not when refused or never heard from', async () => {
    app = createTestApp({ env });
    const [a, b, c, d] = app.contacts.officers();
    const now = app.clock.now();
    await new TestUser(app, '111', 'telegram').say('/start'); // wrote to the bot
    app.db.prepare("INSERT INTO outbox (channel, chat_id, contact_id, payload, state, next_attempt_at, created_at) VALUES ('telegram', '222', ?, '{}', 'sent', 0, 0)").run(b.id);
    recordProbe(app.db, c.id, { reach: 'unreachable', reason: 'not_started', detail: "Forbidden: bot can't initiate conversation with a user" }, now);
    expect(a.chatId).toBe('111');

    const chats = officerChats(app.db, app.config, app.channels.keys(), app.clock.now());
    expect(chats.map((x) => [x.chatId, x.reach, x.reason ?? null])).toEqual([
      ['111', 'reachable', null],
      ['222', 'reachable', null],
      ['333', 'unreachable', 'not_started'],
      ['444', 'unknown', 'never_heard'],
      ['+62 811-000-555', 'unreachable', 'channel_off'],
    ]);
    expect(officerReachSummary(chats)).toEqual({ configured: 5, reachable: 2 });
    expect(officersOnDuty(app.db, now)).toBe(true);

    // The dashboard says what to do about each chat that cannot receive alerts.
    const card = officerChatsSection((k, v) => app.translator.t('en', k, v), chats).toString();
    expect(card).toContain('This officer never started the bot: ask them to open the bot and send /start.');
    expect(card).toContain('Not confirmed yet: ask them to send /start to the bot.');
    expect(card).toContain('The channel for this number is not running');
    expect(officerChatsSection((k, v) => app.translator.t('en', k, v), []).toString()).toContain('No officer chat is set up: urgent alerts reach nobody.');

    // A chat that blocked the bot (the dispatcher marks it) is not reachable, whatever came before.
    app.contacts.markUnreachable('telegram', '222', now);
    expect(officerChats(app.db, app.config, [], now).find((x) => x.contactId === b.id)).toMatchObject({ reach: 'unreachable', reason: 'blocked' });
    expect(d.chatId).toBe('444');
  });

  it('a WhatsApp Cloud officer can receive alerts only within 24 hours of writing to the bot', async () => {
    app = createTestApp({ env: { OFFICER_WHATSAPP_NUMBERS: '+62 811-000-555' }, channels: [new RecordingChannel('whatsapp-cloud')] });
    const reach = () => officerChats(app.db, app.config, app.channels.keys(), app.clock.now())[0];
    expect(reach()).toMatchObject({ channel: 'whatsapp-cloud', reach: 'unreachable', reason: 'window_closed' });
    await new TestUser(app, '62811000555', 'whatsapp-cloud').say('halo');
    expect(reach()).toMatchObject({ reach: 'reachable' });
    expect(officersOnDuty(app.db, app.clock.now())).toBe(true);
    app.manualClock.advance(25 * 3600_000);
    expect(reach()).toMatchObject({ reach: 'unreachable', reason: 'window_closed' });
    expect(officersOnDuty(app.db, app.clock.now())).toBe(false);
  });

  it('nobody is on duty when no officer chat can receive a message', async () => {
    app = createTestApp({ env: { OFFICER_TELEGRAM_IDS: '111' } });
    expect(officersOnDuty(app.db, app.clock.now())).toBe(false);
  });
});
