import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { FAST_PACING, seedContacts, seedGatheringAnswers } from '../../testing/broadcastFixtures.js';
import { RecordingChannel, createTestApp } from '../../testing/harness.js';

const TOKEN = 'test-token-123-Vb7NqP3xK9mZ2wL5rT8yC4hJ';
const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
});

async function startApp() {
  const channel = new RecordingChannel('telegram');
  const app = createTestApp({ channels: [channel], pacing: { telegram: FAST_PACING }, http: true, env: { ADMIN_API_TOKEN: TOKEN, HTTP_HOST: '127.0.0.1' } });
  apps.push(app);
  await app.start();
  const base = `http://127.0.0.1:${app.port}/api`;
  const call = async (method: string, p: string, body?: unknown, token: string | null = TOKEN) => {
    const res = await fetch(base + p, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { app, channel, call };
}

describe('/api/broadcasts', () => {
  it('refuses without the token or with a wrong one, and audits the refusal', async () => {
    const { app, call } = await startApp();
    const body = { audience: { kind: 'everyone' }, texts: { id: 'Halo' } };
    expect((await call('POST', '/broadcasts', body, null)).status).toBe(401);
    expect((await call('GET', '/broadcasts', undefined, 'wrong')).status).toBe(401);
    expect(app.db.prepare('SELECT COUNT(*) FROM broadcasts').pluck().get()).toBe(0);
    expect(app.db.prepare("SELECT subject, detail FROM audit WHERE action = 'api_refused' ORDER BY id").all()).toEqual([
      { subject: 'POST /api/broadcasts', detail: 'no token' },
      { subject: 'GET /api/broadcasts', detail: 'wrong token' },
    ]);
  });

  it('previews, creates, delivers and reports progress; warns about missing languages', async () => {
    const { app, channel, call } = await startApp();
    seedContacts(app, 3, { audience: 'family', language: 'jv' });
    seedContacts(app, 2, { audience: 'worker' });
    const body = { audience: { kind: 'families' }, texts: { id: 'Pendaftaran beasiswa anak PMI dibuka.', en: 'Scholarships open.' } };
    const preview = await call('POST', '/broadcasts/preview', body);
    expect(preview).toEqual({ status: 200, body: { recipients: 3, skipped: 0, scheduledAt: null, warnings: ['no jv text: jv subscribers get the Indonesian text'] } });
    expect(app.db.prepare('SELECT COUNT(*) FROM broadcasts').pluck().get()).toBe(0);

    const created = await call('POST', '/broadcasts', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 1, state: 'queued', recipients: 3, urgent: false, createdBy: 'api', warnings: ['no jv text: jv subscribers get the Indonesian text'] });
    await app.drain();
    expect(channel.sent).toHaveLength(3);
    expect(channel.sent[0].msg.text).toContain('Pendaftaran beasiswa anak PMI dibuka.');
    const followed = await call('GET', '/broadcasts/1');
    expect(followed.body).toMatchObject({ state: 'done', progress: { sent: 3, failed: 0, skipped: 0, cancelled: 0, remaining: 0 } });
    const list = await call('GET', '/broadcasts');
    expect(list.body.broadcasts.map((b: { id: number; state: string }) => [b.id, b.state])).toEqual([[1, 'done']]);
    expect(app.db.prepare("SELECT actor, subject FROM audit WHERE action = 'broadcast_created'").all()).toEqual([{ actor: 'api', subject: 'broadcast:1' }]);
    expect((await call('POST', '/broadcasts/1/cancel')).status).toBe(409);
  });

  it('schedules in the home time zone, cancels, and rejects bad input with a reason', async () => {
    const { app, call } = await startApp();
    seedContacts(app, 2);
    // The manual clock is 2026-11-27 03:00 UTC (10:00 WIB).
    const created = await call('POST', '/broadcasts', { audience: { kind: 'everyone' }, texts: { id: 'Nanti malam' }, scheduledAt: '2026-11-27T19:00', urgent: true });
    expect(created.body).toMatchObject({ state: 'scheduled', scheduledAt: '2026-11-27T12:00:00.000Z', urgent: true, recipients: null });
    const cancelled = await call('POST', `/broadcasts/${created.body.id}/cancel`);
    expect(cancelled).toMatchObject({ status: 200, body: { state: 'cancelled' } });
    expect(app.db.prepare("SELECT actor FROM audit WHERE action = 'broadcast_cancelled'").pluck().all()).toEqual(['api']);

    const bad = [
      [{ audience: { kind: 'everybody' }, texts: { id: 'x' } }, /audience/],
      [{ audience: { kind: 'everyone' }, texts: { en: 'only english' } }, /texts\.id/],
      [{ audience: { kind: 'everyone' }, texts: { id: 'x' }, scheduledAt: '2020-01-01T10:00' }, /in the past/],
      [{ audience: { kind: 'everyone' }, texts: { id: 'x' }, scheduledAt: 'tomorrow' }, /ISO date-time/],
      [{ audience: { kind: 'everyone' }, texts: { id: 'x' }, media: { path: '../../etc/passwd', mime: 'text/plain' } }, /media\.path/],
    ] as const;
    for (const [body, reason] of bad) {
      const r = await call('POST', '/broadcasts', body);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(reason);
    }
    const gathering = await call('POST', '/broadcasts', { audience: { kind: 'gathering', gatheringId: 1 }, texts: { id: 'x' } });
    expect(gathering.status).toBe(422);
    expect(gathering.body.error).toBe('there is no gathering #1');
    expect((await call('GET', '/broadcasts/999')).status).toBe(404);
  });

  it('sends to the people who said yes to one occurrence, found through GET /api/gatherings', async () => {
    const { app, channel, call } = await startApp();
    const [a, b, c] = seedContacts(app, 3, { language: 'en' });
    const { gatheringId } = seedGatheringAnswers(app, [
      [a, 0, 'yes'],
      [b, 1, 'yes'],
      [c, 0, 'no'],
    ]);
    const listed = (await call('GET', '/gatherings')).body.gatherings as { id: number; next: { id: number; answers: { yes: number } }[] }[];
    expect(listed.map((g) => g.id)).toEqual([gatheringId]);
    const occurrenceId = listed[0].next[0].id;
    expect(listed[0].next.slice(0, 2).map((o) => o.answers.yes)).toEqual([1, 1]);
    const texts = { id: 'Tautan baru', en: 'New link for Sunday' };
    const other = await call('POST', '/broadcasts', { audience: { kind: 'gathering', gatheringId: gatheringId + 5, occurrenceId }, texts });
    expect(other.status).toBe(422);
    const r = await call('POST', '/broadcasts', { audience: { kind: 'gathering', gatheringId, occurrenceId }, texts });
    expect(r.status).toBe(201);
    expect(r.body.recipients).toBe(1);
    await app.drain();
    expect(channel.sent.map((s) => s.chatId)).toEqual([a]);
    expect(channel.textsTo(a)[0]).toContain('New link for Sunday');
    // Without occurrenceId: everyone who said yes to any date of the series.
    const whole = await call('POST', '/broadcasts/preview', { audience: { kind: 'gathering', gatheringId }, texts });
    expect(whole.body).toMatchObject({ recipients: 2 });
  });

  it('attaches media from the broadcast media folder', async () => {
    const { app, channel, call } = await startApp();
    seedContacts(app, 1);
    const dir = path.join(app.config.DATA_DIR, 'broadcast-media');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'poster.jpg'), 'jpeg');
    const r = await call('POST', '/broadcasts', { audience: { kind: 'everyone' }, texts: { id: 'Lihat poster' }, media: { path: 'poster.jpg', mime: 'image/jpeg' } });
    expect(r.body.media).toEqual({ mime: 'image/jpeg', fileName: 'poster.jpg' });
    await app.drain();
    expect(channel.sent[0].msg.media).toEqual({ path: path.join(dir, 'poster.jpg'), mime: 'image/jpeg' });
  });
});
