import fs from 'node:fs';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import type { Outbound } from '../../core/types.js';
import { createGathering, type NewGathering } from '../../domain/gatherings/store.js';
import { createTestApp, TestUser } from '../../testing/harness.js';

const LINK = 'https://meet.example.org/silaturahmi-bwi';
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

function setup(env: Record<string, string> = {}) {
  const app = createTestApp({ env: { OFFICER_TELEGRAM_IDS: '900', ...env } });
  apps.push(app);
  return app;
}

/** A gathering created directly in the store (the clock starts Fri 27 Nov 2026 10:00 WIB). */
function gathering(app: App, extra: Partial<NewGathering> = {}): number {
  return app.db.transaction(() =>
    createGathering(
      app.db,
      {
        title: { id: 'Silaturahmi keluarga', en: 'Family gathering', jv: 'Silaturahmi kulawarga' },
        startLocal: '2026-12-06T14:00',
        timezone: 'Asia/Jakarta',
        durationMin: 90,
        link: LINK,
        audience: 'everyone',
        country: null,
        capacity: null,
        recurrence: 'once',
        createdBy: 'test',
        ...extra,
      },
      app.clock.now(),
    ),
  )();
}

async function userIn(app: App, lang: 'id' | 'en' | 'jv', country: string | null = null): Promise<TestUser> {
  const u = new TestUser(app);
  await u.start(lang);
  if (country) app.contacts.applyPatch(u.contact()!.id, { country });
  u.replies();
  return u;
}

/** Every text ever queued for a user (to prove something was never sent). */
function allTo(app: App, u: TestUser): string[] {
  return (app.db.prepare('SELECT payload FROM outbox WHERE chat_id = ? ORDER BY id').all(u.chatId) as { payload: string }[]).map(
    (r) => (JSON.parse(r.payload) as Outbound).text,
  );
}

describe('gatherings: users', () => {
  it('lists upcoming gatherings in Hong Kong, Saudi Arabia and home time, with home time alongside', async () => {
    const app = setup();
    gathering(app);
    const hk = await userIn(app, 'en', 'HK');
    await hk.say('4');
    expect((await hk.say('1')).join('\n')).toContain('1. Sunday 6 Dec 2026, 15:00 Hong Kong time (14:00 in Banyuwangi) — Family gathering');
    const sa = await userIn(app, 'en', 'SA');
    await sa.say('4');
    expect((await sa.say('1')).join('\n')).toContain('1. Sunday 6 Dec 2026, 10:00 Saudi Arabia time (14:00 in Banyuwangi) — Family gathering');
    const home = await userIn(app, 'id');
    await home.say('4');
    expect((await home.say('1')).join('\n')).toContain('1. Minggu 6 Des 2026, 14:00 (waktu Banyuwangi) — Silaturahmi keluarga');
  });

  it('hides gatherings meant for another audience or country', async () => {
    const app = setup();
    gathering(app, { country: 'TW', title: { id: 'Khusus Taiwan' } });
    gathering(app, { audience: 'worker', title: { id: 'Khusus pekerja' } });
    const hk = await userIn(app, 'id', 'HK');
    app.contacts.applyPatch(hk.contact()!.id, { audience: 'family' });
    await hk.say('4');
    expect(await hk.say('1')).toEqual([expect.stringContaining('belum ada silaturahmi'), expect.stringContaining('Layanan Bantuan')]);
  });

  it('answers can be given, seen and changed; the link comes only with a yes', async () => {
    const app = setup();
    gathering(app);
    const u = await userIn(app, 'en', 'HK');
    await u.say('4');
    await u.say('1');
    const detail = (await u.say('1')).join('\n');
    expect(detail).toContain('You have not answered yet.');
    expect(detail).toContain('The meeting link is sent to you once you answer yes.');
    expect((await u.say('2')).join('\n')).toContain('Noted: maybe for "Family gathering"');
    expect(allTo(app, u).join('\n')).not.toContain(LINK);

    // A calendar file without a yes has no link either.
    await u.say('4');
    await u.say('1');
    await u.say('1');
    const [sent] = (await u.say('4')).slice(0, 1);
    expect(sent).toContain('The meeting link is added once you answer yes.');
    const media = lastMedia(app, u);
    expect(fs.readFileSync(media.path, 'utf8')).toContain('BEGIN:VEVENT');
    expect(fs.readFileSync(media.path, 'utf8')).not.toContain('meet.example.org');
    expect(allTo(app, u).join('\n')).not.toContain(LINK);

    await u.say('4');
    expect((await u.say('2')).join('\n')).toContain('1. Sunday 6 Dec 2026, 15:00 Hong Kong time (14:00 in Banyuwangi) — Family gathering (your answer: maybe)');
    await u.say('1');
    expect((await u.say('1')).join('\n')).toContain(`Thank you, you are joining "Family gathering". Meeting link: ${LINK}`);
    await u.say('4');
    await u.say('2');
    const again = (await u.say('1')).join('\n');
    expect(again).toContain('Your answer: yes');
    expect(again).toContain(`Meeting link: ${LINK}`);
    expect((await u.say('3')).join('\n')).toContain('Noted: you will not join "Family gathering"');
    const row = app.db.prepare('SELECT answer FROM gathering_rsvps WHERE contact_id = ?').get(u.contact()!.id) as { answer: string };
    expect(row.answer).toBe('no');
    expect(app.db.prepare("SELECT COUNT(*) FROM gathering_reminders WHERE state = 'pending'").pluck().get()).toBe(0);

    // With a yes, the calendar file carries the link.
    await u.say('4');
    await u.say('1');
    await u.say('1');
    await u.say('1');
    await u.say('4');
    await u.say('1');
    await u.say('1');
    expect((await u.say('4'))[0]).toContain('calendar file with the meeting link');
    expect(fs.readFileSync(lastMedia(app, u).path, 'utf8')).toContain('meet.example.org');
  });

  it('a full gathering politely refuses a yes and keeps the earlier answer', async () => {
    const app = setup();
    gathering(app, { capacity: 1 });
    const a = await userIn(app, 'id');
    for (const t of ['4', '1', '1']) await a.say(t);
    expect((await a.say('1')).join('\n')).toContain('Anda tercatat ikut');
    const b = await userIn(app, 'id');
    for (const t of ['4', '1', '1']) await b.say(t);
    const refused = (await b.say('1')).join('\n');
    expect(refused).toContain('peserta silaturahmi ini sudah penuh');
    expect(refused).not.toContain(LINK);
    expect(refused).toContain('Apakah Anda akan ikut?');
    expect(app.db.prepare('SELECT COUNT(*) FROM gathering_rsvps WHERE contact_id = ?').pluck().get(b.contact()!.id)).toBe(0);
    expect((await b.say('2')).join('\n')).toContain('Dicatat: mungkin ikut');
  });

  const TRANSCRIPT = {
    id: { list: 'Minggu 6 Des 2026, 15:00 waktu Hong Kong (14:00 waktu Banyuwangi) — Silaturahmi keluarga', yes: 'Terima kasih, Anda tercatat ikut "Silaturahmi keluarga"' },
    en: { list: 'Sunday 6 Dec 2026, 15:00 Hong Kong time (14:00 in Banyuwangi) — Family gathering', yes: 'Thank you, you are joining "Family gathering"' },
    jv: { list: 'wekdal Hong Kong (14:00 wekdal Banyuwangi) — Silaturahmi kulawarga', yes: 'Matur nuwun, panjenengan kacathet tumut "Silaturahmi kulawarga"' },
  } as const;
  for (const lang of ['id', 'en', 'jv'] as const) {
    it(`transcript (${lang}): menu, list in local time, answer yes with the link`, async () => {
      const app = setup();
      gathering(app);
      const u = await userIn(app, lang, 'HK');
      const menu = await u.say('4');
      expect(menu).toHaveLength(1);
      expect(menu[0]).toMatch(/\n1\. .+\n2\. .+\n0\. /);
      expect((await u.say('1')).join('\n')).toContain(TRANSCRIPT[lang].list);
      await u.say('1');
      const yes = await u.say('1');
      expect(yes[0]).toContain(TRANSCRIPT[lang].yes);
      expect(yes[0]).toContain(LINK);
      expect(yes[1]).toMatch(/Banyuwangi/); // back at the main menu
    });
  }
});

function lastMedia(app: App, u: TestUser) {
  const rows = app.db.prepare('SELECT payload FROM outbox WHERE chat_id = ? ORDER BY id DESC').all(u.chatId) as { payload: string }[];
  const withMedia = rows.map((r) => JSON.parse(r.payload) as Outbound).find((p) => p.media);
  if (!withMedia?.media) throw new Error('no calendar file was sent');
  expect(withMedia.media.mime).toBe('text/calendar');
  return withMedia.media;
}

describe('gatherings: officers', () => {
  it('/gathering creates a monthly series on the 2nd Sunday by guided chat (Indonesian transcript)', async () => {
    const app = setup();
    const officer = new TestUser(app, '900', 'telegram');
    await officer.start('id');
    officer.replies();
    expect((await officer.say('/gathering')).join('\n')).toContain('Waktu diisi dalam waktu daerah (Asia/Jakarta)');
    await officer.say('Silaturahmi Desember');
    await officer.say('December gathering');
    await officer.say('-');
    expect((await officer.say('2026-12-13 25:00')).join('\n')).toContain('format YYYY-MM-DD JJ:MM');
    expect((await officer.say('2026-11-01 14:00')).join('\n')).toContain('sudah lewat');
    await officer.say('2026-12-13 14:00');
    await officer.say('90');
    expect((await officer.say('meet.example.org')).join('\n')).toContain('https://');
    await officer.say(LINK);
    await officer.say('1'); // families
    await officer.say('2'); // Hong Kong
    await officer.say('-'); // no capacity
    const summary = (await officer.say('3')).join('\n'); // monthly
    expect(summary).toContain('Judul: Silaturahmi Desember / December gathering');
    expect(summary).toContain('Mulai: Minggu 13 Des 2026, 14:00');
    expect(summary).toContain('Setiap bulan pada hari yang sama');
    expect((await officer.say('1')).join('\n')).toContain('Silaturahmi 1 dibuat');
    const starts = (app.db.prepare('SELECT starts_at FROM gathering_occurrences ORDER BY starts_at LIMIT 3').pluck().all() as number[]).map((ms) =>
      DateTime.fromMillis(ms, { zone: 'Asia/Jakarta' }).toFormat('yyyy-LL-dd HH:mm'),
    );
    expect(starts).toEqual(['2026-12-13 14:00', '2027-01-10 14:00', '2027-02-14 14:00']);
    const g = app.db.prepare('SELECT audience, country, capacity, recurrence, nth FROM gatherings').get();
    expect(g).toEqual({ audience: 'family', country: 'HK', capacity: null, recurrence: 'monthly', nth: 2 });
  });

  it('/gathering and /gatherings are refused for users', async () => {
    const app = setup();
    const u = await userIn(app, 'en');
    expect(await u.say('/gathering')).toEqual(['Sorry, that command is for officers only.']);
    expect(await u.say('/gatherings')).toEqual(['Sorry, that command is for officers only.']);
  });

  it('/gatherings lists counts; cancelling one occurrence tells only those who said yes, in their language and time', async () => {
    const app = setup();
    gathering(app, { recurrence: 'weekly' });
    const yesEn = await userIn(app, 'en', 'HK');
    const yesJv = await userIn(app, 'jv', 'SA');
    const maybe = await userIn(app, 'id');
    for (const [u, a] of [[yesEn, '1'], [yesJv, '1'], [maybe, '2']] as const) for (const t of ['4', '1', '1', a]) await u.say(t);
    const officer = new TestUser(app, '900', 'telegram');
    await officer.start('en');
    officer.replies();
    const list = (await officer.say('/gatherings')).join('\n');
    expect(list).toContain('1. Sunday 6 Dec 2026, 14:00 — Family gathering — 2/1/0 (capacity -)');
    expect(list).toContain('2. Sunday 13 Dec 2026, 14:00 — Family gathering — 0/0/0');
    const detail = (await officer.say('1')).join('\n');
    expect(detail).toContain(`Link: ${LINK}`);
    expect(detail).toContain('Answers: yes 2, maybe 1, no 0');
    await officer.say('2');
    expect((await officer.say('1')).join('\n')).toContain('Cancelled. 2 participants were told.');
    expect(yesEn.replies()).toEqual(['Notice: the gathering "Family gathering" on Sunday 6 Dec 2026, 15:00 Hong Kong time (14:00 in Banyuwangi) has been cancelled. We apologise.']);
    expect(yesJv.replies()[0]).toContain('Pawartos: silaturahmi "Silaturahmi kulawarga" ing Ahad 6 Des 2026, 10:00 wekdal Arab Saudi');
    expect(maybe.replies()).toEqual([]);
    expect(app.db.prepare("SELECT COUNT(*) FROM gathering_reminders WHERE state = 'pending'").pluck().get()).toBe(0);
    // The next week is untouched and still listed for users.
    await maybe.say('4');
    expect((await maybe.say('1')).join('\n')).toContain('Minggu 13 Des 2026');
  });

  it('moving one occurrence and cancelling the series tell the yes-sayers at once', async () => {
    const app = setup();
    gathering(app, { recurrence: 'weekly' });
    const u = await userIn(app, 'en', 'HK');
    for (const t of ['4', '1', '1', '1']) await u.say(t);
    u.replies();
    const officer = new TestUser(app, '900', 'telegram');
    await officer.start('en');
    for (const t of ['/gatherings', '1', '1']) await officer.say(t);
    expect((await officer.say('2026-12-06 16:30')).join('\n')).toContain('Moved. 1 participants were told.');
    expect(u.replies()[0]).toContain('has moved to Sunday 6 Dec 2026, 17:30 Hong Kong time (16:30 in Banyuwangi)');
    const due = app.db.prepare("SELECT kind, due_at FROM gathering_reminders WHERE state = 'pending' ORDER BY due_at").all() as { kind: string; due_at: number }[];
    expect(due.map((d) => [d.kind, DateTime.fromMillis(d.due_at, { zone: 'Asia/Jakarta' }).toFormat('dd HH:mm')])).toEqual([
      ['day', '05 16:30'],
      ['hour', '06 15:30'],
    ]);
    for (const t of ['/gatherings', '1', '4']) await officer.say(t);
    expect((await officer.say('1')).join('\n')).toContain('Series cancelled. 1 participants were told.');
    expect(u.replies()[0]).toContain('the gathering series "Family gathering" has been cancelled');
    expect(app.db.prepare("SELECT COUNT(*) FROM gathering_occurrences WHERE state = 'scheduled'").pluck().get()).toBe(0);
  });

  it('after a gathering, officers see the attendance answers', async () => {
    const app = setup();
    gathering(app, { startLocal: '2026-11-27T11:00', durationMin: 60 });
    const u = await userIn(app, 'en');
    for (const t of ['4', '1', '1', '1']) await u.say(t);
    app.manualClock.advance(3 * 3600_000);
    const officer = new TestUser(app, '900', 'telegram');
    await officer.start('en');
    officer.replies();
    expect((await officer.say('/gatherings')).join('\n')).toContain('[over] Friday 27 Nov 2026, 11:00 — Family gathering — 1/0/0');
    expect((await officer.say('1')).join('\n')).toContain('Attendance answers for *Family gathering* (Friday 27 Nov 2026, 11:00, over):\nyes 1, maybe 0, no 0');
  });
});

describe('gatherings: data rights', () => {
  it('"delete my data" erases the answers and planned reminders', async () => {
    const app = setup();
    gathering(app);
    const u = await userIn(app, 'en');
    for (const t of ['4', '1', '1', '1']) await u.say(t);
    expect(app.db.prepare('SELECT COUNT(*) FROM gathering_reminders').pluck().get()).toBe(2);
    await u.say('delete my data');
    expect((await u.say('1'))[0]).toContain('Your personal data has been deleted');
    expect(app.db.prepare('SELECT COUNT(*) FROM gathering_rsvps').pluck().get()).toBe(0);
    expect(app.db.prepare('SELECT COUNT(*) FROM gathering_reminders').pluck().get()).toBe(0);
  });
});
