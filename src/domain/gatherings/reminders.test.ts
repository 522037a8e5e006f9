import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import { ManualClock } from '../../core/clock.js';
import { runGatheringsJob } from '../../features/gatherings/gatherings.js';
import { createTestApp, testConfig, TestUser } from '../../testing/harness.js';
import { createGathering } from './store.js';

const LINK = 'https://meet.example.org/pengingat';
const wib = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Jakarta' }).toMillis();
const open: App[] = [];
afterEach(async () => {
  for (const a of open.splice(0)) await a.stop();
});

function boot(config: Config, clock: ManualClock): App {
  const app = createTestApp({ config, clock });
  open.push(app);
  return app;
}

async function stop(app: App): Promise<void> {
  open.splice(open.indexOf(app), 1);
  await app.stop();
}

/** A one-off on Sat 28 Nov 2026 14:00 WIB; the clock starts Fri 27 Nov 10:00 WIB. */
async function withYes(app: App, lang: 'id' | 'en' | 'jv', country: string | null) {
  app.db.transaction(() =>
    createGathering(
      app.db,
      {
        title: { id: 'Silaturahmi Sabtu', en: 'Saturday gathering' },
        startLocal: '2026-11-28T14:00',
        timezone: 'Asia/Jakarta',
        durationMin: 60,
        link: LINK,
        audience: 'everyone',
        country: null,
        capacity: null,
        recurrence: 'once',
        createdBy: 'test',
      },
      app.clock.now(),
    ),
  )();
  const u = new TestUser(app);
  await u.start(lang);
  if (country) app.contacts.applyPatch(u.contact()!.id, { country });
  for (const t of ['4', '1', '1', '1']) await u.say(t);
  u.replies();
  return u;
}

function remindersTo(app: App, chatId: string): string[] {
  return (app.db.prepare('SELECT payload FROM outbox WHERE chat_id = ? ORDER BY id').all(chatId) as { payload: string }[])
    .map((r) => JSON.parse(r.payload).text as string)
    .filter((t) => /Reminder|Pengingat|Pangeling/.test(t));
}

describe('gathering reminders', () => {
  it('are sent once, 24 h and 1 h before, across a restart, with the link in the local time', async () => {
    const clock = new ManualClock();
    const config = testConfig();
    let app = boot(config, clock);
    const u = await withYes(app, 'en', 'HK');
    expect(runGatheringsJob(app.services)).toEqual({ sent: 0, skipped: 0, dropped: 0 });

    clock.set(wib('2026-11-27T14:00') + 20_000);
    expect(runGatheringsJob(app.services).sent).toBe(1);
    expect(runGatheringsJob(app.services).sent).toBe(0);
    expect(remindersTo(app, u.chatId)).toEqual([
      `Reminder: "Saturday gathering" starts Saturday 28 Nov 2026, 15:00 Hong Kong time (14:00 in Banyuwangi).\nMeeting link: ${LINK}`,
    ]);

    // Restart on the same DATA_DIR: nothing is repeated, the next reminder still comes.
    await stop(app);
    app = boot(config, clock);
    clock.advance(60_000);
    expect(runGatheringsJob(app.services).sent).toBe(0);
    clock.set(wib('2026-11-28T13:00') + 5 * 60_000); // bot was down for five minutes
    expect(runGatheringsJob(app.services).sent).toBe(1);
    await stop(app);
    app = boot(config, clock);
    clock.advance(60_000);
    expect(runGatheringsJob(app.services).sent).toBe(0);
    expect(remindersTo(app, u.chatId)).toHaveLength(2);
    expect(app.db.prepare('SELECT kind, state FROM gathering_reminders ORDER BY due_at').all()).toEqual([
      { kind: 'day', state: 'sent' },
      { kind: 'hour', state: 'sent' },
    ]);
  });

  it('a reminder more than 30 minutes late (bot was down) is skipped, not sent', async () => {
    const clock = new ManualClock();
    const config = testConfig();
    let app = boot(config, clock);
    const u = await withYes(app, 'id', null);
    await stop(app);
    clock.set(wib('2026-11-27T14:31'));
    app = boot(config, clock);
    expect(runGatheringsJob(app.services)).toEqual({ sent: 0, skipped: 1, dropped: 0 });
    clock.set(wib('2026-11-28T13:10'));
    expect(runGatheringsJob(app.services)).toEqual({ sent: 1, skipped: 0, dropped: 0 });
    expect(remindersTo(app, u.chatId)).toEqual([
      `Pengingat: "Silaturahmi Sabtu" dimulai Sabtu 28 Nov 2026, 14:00 (waktu Banyuwangi).\nTautan pertemuan: ${LINK}`,
    ]);
  });

  it('offsets are named and configurable; someone who changed to no gets none', async () => {
    const clock = new ManualClock();
    const app = boot(testConfig({ GATHERING_REMINDERS: 'soon=30m' }), clock);
    const u = await withYes(app, 'jv', null);
    expect(app.db.prepare('SELECT kind FROM gathering_reminders').pluck().all()).toEqual(['soon']);
    clock.set(wib('2026-11-28T13:30'));
    expect(runGatheringsJob(app.services).sent).toBe(1);
    expect(remindersTo(app, u.chatId)[0]).toContain('Pangeling: "Silaturahmi Sabtu" kawiwitan');

    const other = new TestUser(app);
    await other.start('en');
    for (const t of ['4', '1', '1', '3']) await other.say(t);
    expect(app.db.prepare('SELECT COUNT(*) FROM gathering_reminders WHERE contact_id = ?').pluck().get(other.contact()!.id)).toBe(0);
  });

  it('a malformed offsets setting is a clear configuration error', () => {
    expect(() => testConfig({ GATHERING_REMINDERS: 'tomorrow' })).toThrow(/GATHERING_REMINDERS="tomorrow" is invalid: expected named offsets such as day=24h,hour=1h/);
  });
});
