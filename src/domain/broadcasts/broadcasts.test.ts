import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { SendError } from '../../core/errors.js';
import { FAST_PACING, GatedChannel, outboxStates, seedContacts, seedGatheringAnswers } from '../../testing/broadcastFixtures.js';
import { RecordingChannel, TestUser, createTestApp } from '../../testing/harness.js';
import { type BroadcastAudience, AudienceUnavailableError } from './audience.js';
import { countRecipients } from './enqueue.js';
import { runBroadcastJob } from '../../features/broadcasts/job.js';
import { type BroadcastTexts } from './payload.js';
import { cancelBroadcast, createBroadcast, getBroadcast, progress, refreshState } from './store.js';

const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
});

function makeApp(channel = new RecordingChannel('telegram'), config?: App['config']) {
  const app = createTestApp({ channels: [channel], pacing: { telegram: FAST_PACING, 'whatsapp-cloud': FAST_PACING }, config });
  apps.push(app);
  return { app, channel };
}

const TEXTS: BroadcastTexts = { id: 'Silaturahmi online Minggu ini jam 19.00.', en: 'Online gathering this Sunday at 7 pm.', jv: 'Silaturahmi online Minggu menika jam 19.00.' };

function send(app: App, audience: BroadcastAudience, extra: Partial<{ texts: BroadcastTexts; urgent: boolean; scheduledAt: number | null }> = {}) {
  const { broadcast } = app.notifier.transaction((out) =>
    createBroadcast(
      { db: app.db, translator: app.translator, defaultLang: 'id', dataDir: app.config.DATA_DIR },
      out,
      { audience, texts: extra.texts ?? TEXTS, urgent: extra.urgent ?? false, scheduledAt: extra.scheduledAt ?? null, createdBy: 'test' },
      app.clock.now(),
    ),
  );
  return broadcast;
}

function chatIdsOf(ch: RecordingChannel): string[] {
  return ch.sent.map((s) => s.chatId).sort();
}

describe('broadcast audiences', () => {
  it('selects by audience, country and language, and only subscribed, reachable contacts', () => {
    const { app } = makeApp();
    const now = app.clock.now();
    const workersHK = seedContacts(app, 3, { audience: 'worker', country: 'HK' });
    const workersTW = seedContacts(app, 2, { audience: 'worker', country: 'TW', language: 'en' });
    const families = seedContacts(app, 4, { audience: 'family', language: 'jv' });
    seedContacts(app, 5, { subscribed: false, audience: 'worker', country: 'HK' }); // opted out
    seedContacts(app, 6, { subscribed: null, audience: 'worker', country: 'HK' }); // never asked
    seedContacts(app, 7, { unreachableAt: now - 1000, audience: 'worker', country: 'HK' }); // blocked the bot
    const count = (a: BroadcastAudience) => countRecipients(app.db, a, 'id', now).recipients;
    expect(count({ kind: 'everyone' })).toBe(workersHK.length + workersTW.length + families.length);
    expect(count({ kind: 'workers' })).toBe(5);
    expect(count({ kind: 'families' })).toBe(4);
    expect(count({ kind: 'country', country: 'HK' })).toBe(3);
    expect(count({ kind: 'language', language: 'jv' })).toBe(4);
    expect(count({ kind: 'language', language: 'id' })).toBe(3);
  });

  it('"said yes to a gathering" counts real answers per occurrence or for the whole series, subscribers only', () => {
    const { app } = makeApp();
    expect(() => countRecipients(app.db, { kind: 'gathering', gatheringId: 1 }, 'id', app.clock.now())).toThrow(AudienceUnavailableError);
    const [yes1, yes2, no, later] = seedContacts(app, 4);
    const [unsubscribed] = seedContacts(app, 1, { subscribed: false });
    const { gatheringId, occurrenceIds } = seedGatheringAnswers(app, [
      [yes1, 0, 'yes'],
      [yes2, 0, 'yes'],
      [no, 0, 'no'],
      [later, 1, 'yes'],
      [later, 0, 'maybe'],
      [unsubscribed, 0, 'yes'],
    ]);
    const count = (a: BroadcastAudience) => countRecipients(app.db, a, 'id', app.clock.now()).recipients;
    expect(count({ kind: 'gathering', gatheringId, occurrenceId: occurrenceIds[0] })).toBe(2);
    expect(count({ kind: 'gathering', gatheringId, occurrenceId: occurrenceIds[1] })).toBe(1);
    expect(count({ kind: 'gathering', gatheringId })).toBe(3);
    expect(() => count({ kind: 'gathering', gatheringId: gatheringId + 1 })).toThrow(/no gathering/);
    expect(() => count({ kind: 'gathering', gatheringId, occurrenceId: 9999 })).toThrow(/not part of gathering/);
  });

  it('WhatsApp Cloud contacts outside the 24-hour window are counted as skipped, not sent', async () => {
    const cloud = new RecordingChannel('whatsapp-cloud');
    const { app } = makeApp(cloud);
    const now = app.clock.now();
    const fresh = seedContacts(app, 2, { channel: 'whatsapp-cloud', lastInboundAt: now - 3600_000 });
    seedContacts(app, 3, { channel: 'whatsapp-cloud', lastInboundAt: now - 25 * 3600_000 });
    expect(countRecipients(app.db, { kind: 'everyone' }, 'id', now)).toEqual({ recipients: 5, skipped: 3 });
    await app.start();
    const b = send(app, { kind: 'everyone' });
    await app.drain();
    expect(chatIdsOf(cloud)).toEqual(fresh.sort());
    expect(progress(app.db, b.id)).toMatchObject({ sent: 2, skipped: 3, remaining: 0 });
    expect(refreshState(app.db, b.id, now)).toBe('done');
  });
});

describe('broadcast delivery', () => {
  it('each contact gets its own language, Indonesian when its language has no text, and a stop footer', async () => {
    const { app, channel } = makeApp();
    const [idUser] = seedContacts(app, 1, { language: 'id' });
    const [enUser] = seedContacts(app, 1, { language: 'en' });
    const [jvUser] = seedContacts(app, 1, { language: 'jv' });
    await app.start();
    send(app, { kind: 'everyone' }, { texts: { id: TEXTS.id, en: TEXTS.en } });
    await app.drain();
    const [idMsg] = channel.textsTo(idUser);
    const [enMsg] = channel.textsTo(enUser);
    const [jvMsg] = channel.textsTo(jvUser);
    expect(idMsg).toContain(TEXTS.id);
    expect(idMsg).toContain('Ketik *berhenti* jika tidak ingin menerima pengumuman lagi.');
    expect(enMsg).toContain(TEXTS.en);
    expect(enMsg).toContain('Type *stop* if you no longer want to receive announcements.');
    // Javanese had no text: the Indonesian text, with the Javanese header and footer.
    expect(jvMsg).toContain(TEXTS.id);
    expect(jvMsg).toContain('📢 Wara-wara saking layanan PMI Banyuwangi');
    expect(jvMsg).toContain('Ketik *berhenti* menawi panjenengan mboten kersa nampi wara-wara malih.');
    expect(channel.sent).toHaveLength(3);
  });

  it('opt-out by "stop"/"berhenti" takes effect at once and "subscribe"/"mulai langganan" brings them back', async () => {
    const { app, channel } = makeApp();
    const ana = new TestUser(app, 'ana', 'telegram');
    const budi = new TestUser(app, 'budi', 'telegram');
    await ana.start('id');
    await ana.say('1'); // yes to announcements
    await budi.start('en');
    await budi.say('1');
    expect(await ana.say('berhenti')).toEqual(expect.arrayContaining([expect.stringContaining('Anda tidak akan menerima pengumuman lagi')]));
    expect(await budi.say('STOP')).toEqual(expect.arrayContaining([expect.stringContaining('You will not receive announcements any more')]));
    await app.start();
    await app.drain();
    channel.sent.length = 0;
    send(app, { kind: 'everyone' });
    await app.drain();
    expect(channel.sent).toHaveLength(0);

    expect((await budi.say('subscribe'))[0]).toContain('You will receive announcements');
    expect((await ana.say('mulai langganan'))[0]).toContain('Anda akan menerima pengumuman');
    await app.drain();
    channel.sent.length = 0;
    send(app, { kind: 'everyone' });
    await app.drain();
    expect(chatIdsOf(channel)).toEqual(['ana', 'budi']);
  });

  it('a scheduled broadcast is enqueued by the job when its time comes, once', async () => {
    const { app, channel } = makeApp();
    seedContacts(app, 3);
    await app.start();
    const at = app.clock.now() + 2 * 3600_000;
    const b = send(app, { kind: 'everyone' }, { scheduledAt: at });
    expect(b.state).toBe('scheduled');
    expect(runBroadcastJob(app.services)).toEqual([]);
    app.manualClock.advance(2 * 3600_000 - 60_000);
    expect(runBroadcastJob(app.services)).toEqual([]);
    await app.drain();
    expect(channel.sent).toHaveLength(0);
    app.manualClock.advance(60_000);
    expect(runBroadcastJob(app.services)).toEqual([b.id]);
    await app.drain();
    expect(channel.sent).toHaveLength(3);
    // The next run enqueues nothing again and marks it done.
    expect(runBroadcastJob(app.services)).toEqual([]);
    expect(getBroadcast(app.db, b.id)).toMatchObject({ state: 'done', recipients: 3 });
    expect(channel.sent).toHaveLength(3);
  });

  it('cancelling midway: what was sent stays sent, the one in flight finishes, the rest is never sent', async () => {
    const gated = new GatedChannel('telegram', 3);
    const { app } = makeApp(gated);
    seedContacts(app, 10);
    await app.start();
    const b = send(app, { kind: 'everyone' });
    await gated.reached;
    expect(getBroadcast(app.db, b.id)?.state).toBe('queued');
    expect(refreshState(app.db, b.id, app.clock.now())).toBe('sending');
    expect(cancelBroadcast(app.db, b.id, app.clock.now())).toBe(true);
    gated.release();
    await app.drain();
    await new Promise((r) => setTimeout(r, 50));
    expect(gated.sent).toHaveLength(4);
    expect(progress(app.db, b.id)).toEqual({ sent: 4, failed: 0, skipped: 0, cancelled: 6, remaining: 0 });
    expect(getBroadcast(app.db, b.id)?.state).toBe('cancelled');
    expect(cancelBroadcast(app.db, b.id, app.clock.now())).toBe(false);
  });

  it('a restart midway sends the rest and nobody gets a second copy', async () => {
    const first = new RecordingChannel('telegram');
    const { app: app1 } = makeApp(first);
    const everyone = seedContacts(app1, 12);
    let stopping: Promise<void> | undefined;
    const origSend = first.send.bind(first);
    first.send = async (chatId, msg) => {
      const res = await origSend(chatId, msg);
      if (first.sent.length === 5) stopping = app1.stop();
      return res;
    };
    await app1.start();
    const b = send(app1, { kind: 'everyone' });
    while (!stopping) await new Promise((r) => setTimeout(r, 5));
    await stopping;
    expect(first.sent).toHaveLength(5);

    const second = new RecordingChannel('telegram');
    const { app: app2 } = makeApp(second, app1.config);
    await app2.start();
    await app2.drain();
    const all = [...chatIdsOf(first), ...chatIdsOf(second)].sort();
    expect(all).toEqual([...everyone].sort());
    expect(new Set(all).size).toBe(12);
    expect(progress(app2.db, b.id)).toMatchObject({ sent: 12, remaining: 0 });
  });

  it('after a crash a message left "sending" is sent again (at least once)', async () => {
    const { app: app1 } = makeApp(new RecordingChannel('telegram'));
    seedContacts(app1, 2);
    const b = send(app1, { kind: 'everyone' }); // dispatcher never started: nothing sent
    app1.db.prepare("UPDATE outbox SET state = 'sending', attempts = 1 WHERE id = (SELECT MIN(id) FROM outbox WHERE broadcast_id = ?)").run(b.id);
    await app1.stop();
    const second = new RecordingChannel('telegram');
    const { app: app2 } = makeApp(second, app1.config);
    await app2.start();
    await app2.drain();
    expect(second.sent).toHaveLength(2);
    expect(outboxStates(app2, b.id)).toEqual({ sent: 2 });
  });

  it('a 429 is retried after the platform\'s retry-after, and each contact still gets one copy', async () => {
    const { app, channel } = makeApp();
    const chats = seedContacts(app, 3);
    channel.failures = [new SendError('429: Too Many Requests: retry after 3', 'transient', 3000)];
    await app.start();
    const b = send(app, { kind: 'everyone' });
    await app.drain();
    expect(channel.sent).toHaveLength(2);
    const waiting = app.db.prepare("SELECT attempts, next_attempt_at, last_error FROM outbox WHERE broadcast_id = ? AND state = 'pending'").all(b.id);
    expect(waiting).toEqual([{ attempts: 1, next_attempt_at: app.clock.now() + 3000, last_error: '429: Too Many Requests: retry after 3' }]);
    expect(progress(app.db, b.id)).toMatchObject({ sent: 2, remaining: 1 });
    app.manualClock.advance(3000);
    app.dispatcher.kick('telegram');
    await app.drain();
    expect(chatIdsOf(channel)).toEqual([...chats].sort());
    expect(progress(app.db, b.id)).toMatchObject({ sent: 3, failed: 0, remaining: 0 });
  });

  it('urgent broadcasts go ahead of ordinary ones, and live replies go ahead of both', async () => {
    const { app, channel } = makeApp();
    seedContacts(app, 3);
    send(app, { kind: 'everyone' }, { texts: { id: 'biasa' } });
    send(app, { kind: 'everyone' }, { texts: { id: 'PENIPUAN' }, urgent: true });
    const user = new TestUser(app, 'live', 'telegram');
    await user.say('halo');
    await app.start();
    await app.drain();
    const kinds = channel.sent.map((s) => (s.msg.text.includes('PENIPUAN') ? 'urgent' : s.msg.text.includes('biasa') ? 'ordinary' : 'reply'));
    expect(kinds).toEqual(['reply', 'urgent', 'urgent', 'urgent', 'ordinary', 'ordinary', 'ordinary']);
    expect(channel.sent[1].msg.text).toContain('⚠️ PENTING');
  });
});
