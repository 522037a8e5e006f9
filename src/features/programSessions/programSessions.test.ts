/**
 * Programme sessions in the chat, as people see them: from the programmes menu to the list, sign-up,
 * a full session and its waitlist, cancelling (the place goes to the first one waiting, who is
 * told), and the reminder the gatherings job sends under a controlled clock; in all three languages.
 */
import fs from 'node:fs';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { moveOccurrence } from '../../domain/gatherings/notices.js';
import { type NewSession, createSession } from '../../domain/gatherings/sessions.js';
import { gatheringSettings } from '../../domain/gatherings/settings.js';
import { TestUser, createTestApp } from '../../testing/harness.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

function setup() {
  const app = createTestApp({ env: { OFFICER_TELEGRAM_IDS: '900' } });
  apps.push(app);
  return app;
}

/** A session created as an officer would (the clock starts Fri 27 Nov 2026 10:00 WIB). */
function session(app: App, extra: Partial<NewSession> = {}): number {
  return app.db.transaction(() =>
    createSession(
      app.db,
      {
        program: 'skills',
        title: { id: 'Pelatihan tata boga', en: 'Cooking training', jv: 'Pelatihan olah-olah' },
        startLocal: '2026-12-05T09:00',
        timezone: 'Asia/Jakarta',
        durationMin: 180,
        place: 'BLK Banyuwangi',
        link: '',
        quota: 1,
        createdBy: 'test',
        ...extra,
      },
      app.clock.now(),
    ),
  )();
}

async function userIn(app: App, lang: 'id' | 'en' | 'jv'): Promise<TestUser> {
  const u = new TestUser(app);
  await u.start(lang);
  u.replies();
  return u;
}

/** Main menu → assistance → programmes → skills (3) or Ruang Rindu (4): the session list. */
async function openProgramme(u: TestUser, option: '3' | '4' = '3'): Promise<string> {
  await u.say('menu');
  await u.say('5');
  await u.say('1');
  return (await u.say(option)).join('\n');
}

const T = {
  en: {
    line: '1. Saturday 5 Dec 2026, 09:00 (Banyuwangi time) — Cooking training — BLK Banyuwangi — places left: 1',
    fullLine: '1. Saturday 5 Dec 2026, 09:00 (Banyuwangi time) — Cooking training — BLK Banyuwangi — full (waitlist open)',
    signedUp: 'You are signed up for "Cooking training".\nWhen: Saturday 5 Dec 2026, 09:00 (Banyuwangi time)\nWhere: BLK Banyuwangi',
    fullNow: 'This session is full (quota: 1). People on the waitlist: 0.',
    waiting: 'You are on the waitlist for "Cooking training" (number 1).',
    cancelled: 'Your sign-up for "Cooking training" is cancelled.',
    promoted: 'Good news: a place has become free in "Cooking training" and it is yours. You are signed up.\nWhen: Saturday 5 Dec 2026, 09:00 (Banyuwangi time)',
    reminder: 'Reminder: "Cooking training" is on Saturday 5 Dec 2026, 09:00 (Banyuwangi time).\nWhere: BLK Banyuwangi',
  },
  id: {
    line: '1. Sabtu 5 Des 2026, 09:00 (waktu Banyuwangi) — Pelatihan tata boga — BLK Banyuwangi — sisa tempat: 1',
    fullLine: '1. Sabtu 5 Des 2026, 09:00 (waktu Banyuwangi) — Pelatihan tata boga — BLK Banyuwangi — penuh (daftar tunggu dibuka)',
    signedUp: 'Anda sudah terdaftar untuk "Pelatihan tata boga".\nWaktu: Sabtu 5 Des 2026, 09:00 (waktu Banyuwangi)\nTempat: BLK Banyuwangi',
    fullNow: 'Sesi ini sudah penuh (kuota: 1). Orang di daftar tunggu: 0.',
    waiting: 'Anda masuk daftar tunggu untuk "Pelatihan tata boga" (nomor 1).',
    cancelled: 'Pendaftaran Anda untuk "Pelatihan tata boga" sudah dibatalkan.',
    promoted: 'Kabar baik: ada tempat kosong di "Pelatihan tata boga" dan tempat itu untuk Anda. Anda sudah terdaftar.\nWaktu: Sabtu 5 Des 2026, 09:00 (waktu Banyuwangi)',
    reminder: 'Pengingat: "Pelatihan tata boga" pada Sabtu 5 Des 2026, 09:00 (waktu Banyuwangi).\nTempat: BLK Banyuwangi',
  },
  jv: {
    line: '1. Sabtu 5 Des 2026, 09:00 (wekdal Banyuwangi) — Pelatihan olah-olah — BLK Banyuwangi — papan ingkang kantun: 1',
    fullLine: '1. Sabtu 5 Des 2026, 09:00 (wekdal Banyuwangi) — Pelatihan olah-olah — BLK Banyuwangi — sampun kebak (daftar tengga dipunbikak)',
    signedUp: 'Panjenengan sampun kadhaftar kangge "Pelatihan olah-olah".\nWekdal: Sabtu 5 Des 2026, 09:00 (wekdal Banyuwangi)\nPapan: BLK Banyuwangi',
    fullNow: 'Sesi menika sampun kebak (kuota: 1). Tiyang ing daftar tengga: 0.',
    waiting: 'Panjenengan mlebet daftar tengga kangge "Pelatihan olah-olah" (nomer 1).',
    cancelled: 'Pendhaftaran panjenengan kangge "Pelatihan olah-olah" sampun kabatalaken.',
    promoted: 'Pawartos sae: wonten papan kosong ing "Pelatihan olah-olah" lan papan menika kangge panjenengan. Panjenengan sampun kadhaftar.\nWekdal: Sabtu 5 Des 2026, 09:00 (wekdal Banyuwangi)',
    reminder: 'Pangengetan: "Pelatihan olah-olah" ing Sabtu 5 Des 2026, 09:00 (wekdal Banyuwangi).\nPapan: BLK Banyuwangi',
  },
} as const;

const answerOf = (app: App, u: TestUser) =>
  app.db.prepare('SELECT answer, name FROM gathering_rsvps WHERE contact_id = ?').get(u.contact()!.id) as { answer: string; name: string } | undefined;

describe.each(['en', 'id', 'jv'] as const)('programme session sign-up (%s)', (lang) => {
  it('see, sign up, full with waitlist, cancel (the place goes to the one waiting), reminder at the planned time', async () => {
    const app = setup();
    session(app);
    const ani = await userIn(app, lang);
    const budi = await userIn(app, lang);

    // Ani sees the session in home time with its place and the one place left, and signs up.
    expect(await openProgramme(ani)).toContain(T[lang].line);
    await ani.say('1');
    await ani.say('1');
    await ani.say('Ani Rahayu');
    expect((await ani.say('1')).join('\n')).toContain(T[lang].signedUp);
    expect(answerOf(app, ani)).toEqual({ answer: 'yes', name: 'Ani Rahayu' });

    // Budi finds it full and joins the waitlist.
    expect(await openProgramme(budi)).toContain(T[lang].fullLine);
    expect((await budi.say('1')).join('\n')).toContain(T[lang].fullNow);
    await budi.say('1');
    await budi.say('Budi Santoso');
    expect((await budi.say('1')).join('\n')).toContain(T[lang].waiting);
    expect(answerOf(app, budi)).toBeUndefined();

    // Ani cancels: Budi gets the place and is told at once.
    await openProgramme(ani);
    await ani.say('1');
    await ani.say('1');
    expect((await ani.say('1')).join('\n')).toContain(T[lang].cancelled);
    expect(answerOf(app, ani)?.answer).toBe('no');
    expect(budi.replies().join('\n')).toContain(T[lang].promoted);
    expect(answerOf(app, budi)).toEqual({ answer: 'yes', name: 'Budi Santoso' });

    // A day before (home time), the gatherings job sends Budi the reminder, and Ani nothing.
    const dayBefore = DateTime.fromISO('2026-12-04T09:00:30', { zone: 'Asia/Jakarta' }).toMillis();
    app.manualClock.set(dayBefore - 60 * 60_000);
    await app.jobs().find((j) => j.name === 'gatherings')!.run();
    expect(budi.replies()).toEqual([]);
    app.manualClock.set(dayBefore);
    await app.jobs().find((j) => j.name === 'gatherings')!.run();
    expect(budi.replies().join('\n')).toContain(T[lang].reminder);
    expect(ani.replies()).toEqual([]);
  });
});

describe('programme sessions: the last place', () => {
  it('two people confirm for the last place at the same moment: one gets it, the other is offered the waitlist or another session', async () => {
    const app = setup();
    const occ = session(app, { quota: 1 });
    const [a, b] = [await userIn(app, 'en'), await userIn(app, 'en')];
    for (const [u, name] of [
      [a, 'Ani'],
      [b, 'Budi'],
    ] as const) {
      await openProgramme(u);
      await u.say('1');
      await u.say('1');
      await u.say(name);
    }
    await Promise.all([a.send('1'), b.send('1')]);
    const [ra, rb] = [a.replies().join('\n'), b.replies().join('\n')];
    const winner = ra.includes('You are signed up for') ? ra : rb;
    const loser = winner === ra ? rb : ra;
    expect(winner).toContain('You are signed up for "Cooking training"');
    expect(loser).toContain('Sorry, the last place of this session has just been taken. You can join the waitlist');
    expect(loser).toContain('1. Join the waitlist\n2. Other sessions');
    expect(app.db.prepare("SELECT COUNT(*) FROM gathering_rsvps WHERE occurrence_id = ? AND answer = 'yes'").pluck().get(occ)).toBe(1);
    // The name and consent were given: joining the waitlist is one step.
    const late = winner === ra ? b : a;
    expect((await late.say('1')).join('\n')).toContain('You are on the waitlist for "Cooking training" (number 1).');
  });

  it('a Ruang Rindu session online: the link only after signing up; asking an officer stays one step away', async () => {
    const app = setup();
    session(app, { program: 'ruangRindu', title: { id: 'Konseling ibu', en: 'Counselling for mothers' }, place: null, link: 'https://meet.example.org/rr', quota: 5 });
    const u = await userIn(app, 'en');
    const list = await openProgramme(u, '4');
    expect(list).toContain('Ruang Rindu (Ruang Pemberdayaan dan Perlindungan Ibu-Anak');
    expect(list).toContain('It offers counselling; help with legal, medical and psychosocial matters');
    expect(list).toContain('— Counselling for mothers — online (the link is sent once you sign up) — places left: 5');
    expect(list).toContain('2. Ask an officer about this programme\n3. Other programmes');
    expect(list).not.toContain('https://meet.example.org/rr');
    await u.say('1');
    await u.say('1');
    await u.say('Sri');
    expect((await u.say('1')).join('\n')).toContain('Where: online: https://meet.example.org/rr');
  });

  it('no session planned: says so and offers an officer or other programmes', async () => {
    const app = setup();
    const u = await userIn(app, 'en');
    const text = await openProgramme(u, '4');
    expect(text).toContain('No session of this programme is planned right now.');
    expect(text).toContain('1. Ask an officer about this programme\n2. Other programmes');
    expect((await u.say('2')).join('\n')).toContain('4. Ruang Rindu for mothers and families');
  });

  it('"ask an officer" under the sessions opens a request for that programme', async () => {
    const app = setup();
    session(app, { program: 'ruangRindu' });
    const u = await userIn(app, 'en');
    await openProgramme(u, '4');
    const text = (await u.say('2')).join('\n');
    expect(text).toContain('A few short questions so an officer can help you.');
    expect(u.session()).toMatchObject({ flow: 'assistanceRequest', data: { program: 'ruangRindu' } });
  });

  it('declining consent stores nothing', async () => {
    const app = setup();
    session(app);
    const u = await userIn(app, 'en');
    await openProgramme(u);
    await u.say('1');
    await u.say('1');
    await u.say('Ani');
    expect((await u.say('2')).join('\n')).toContain('All right, you are not signed up and nothing was stored.');
    expect(answerOf(app, u)).toBeUndefined();
  });

  it('the family gatherings menu does not list programme sessions', async () => {
    const app = setup();
    session(app);
    const u = await userIn(app, 'en');
    await u.say('menu');
    await u.say('4');
    expect((await u.say('1')).join('\n')).toContain('There are no upcoming gatherings for you right now.');
  });

  it('"my data" shows the sign-up and the name given; "delete my data" erases both, waitlist included', async () => {
    const app = setup();
    session(app, { quota: 1 });
    const [a, b] = [await userIn(app, 'en'), await userIn(app, 'en')];
    for (const [u, name] of [
      [a, 'Ani Rahayu'],
      [b, 'Budi Santoso'],
    ] as const) {
      await openProgramme(u);
      for (const m of ['1', '1', name, '1']) await u.say(m);
    }
    expect((await a.say('my data')).join('\n')).toContain('Programme session "Cooking training", Saturday 5 Dec 2026, 09:00 (Banyuwangi time): signed up, name given: Ani Rahayu');
    expect((await b.say('my data')).join('\n')).toContain('on the waitlist, name given: Budi Santoso');
    await b.say('delete my data');
    expect((await b.say('1'))[0]).toContain('Your personal data has been deleted');
    expect(app.db.prepare('SELECT COUNT(*) FROM gathering_waitlist').pluck().get()).toBe(0);
    await a.say('delete my data');
    await a.say('1');
    expect(app.db.prepare('SELECT COUNT(*) FROM gathering_rsvps').pluck().get()).toBe(0);
  });

  it('a place freed by "delete my data" goes to the first one waiting', async () => {
    const app = setup();
    session(app, { quota: 1 });
    const [a, b] = [await userIn(app, 'en'), await userIn(app, 'en')];
    for (const u of [a, b]) {
      await openProgramme(u);
      for (const m of ['1', '1', 'Someone', '1']) await u.say(m);
    }
    b.replies();
    await a.say('delete my data');
    await a.say('1');
    expect(b.replies().join('\n')).toContain('Good news: a place has become free in "Cooking training" and it is yours.');
    expect(app.db.prepare("SELECT contact_id FROM gathering_rsvps WHERE answer = 'yes'").pluck().all()).toEqual([b.contact()!.id]);
  });

  it('an officer moving a session tells those signed up the new time in home time, and re-plans the reminders', async () => {
    const app = setup();
    const occ = session(app, { quota: 3 });
    const u = await userIn(app, 'id');
    await openProgramme(u);
    for (const m of ['1', '1', 'Ani', '1']) await u.say(m);
    const newStart = DateTime.fromISO('2026-12-06T13:30', { zone: 'Asia/Jakarta' }).toMillis();
    app.notifier.transaction((out) => moveOccurrence(app.db, occ, newStart, app.clock.now(), out.toContact, gatheringSettings(app.config)));
    expect(u.replies().join('\n')).toContain('Pemberitahuan: sesi "Pelatihan tata boga" pindah ke Minggu 6 Des 2026, 13:30 (waktu Banyuwangi).\nTempat: BLK Banyuwangi\nAnda tetap terdaftar.');
    const due = app.db.prepare("SELECT due_at FROM gathering_reminders WHERE state = 'pending' ORDER BY due_at").pluck().all();
    expect(due).toEqual([newStart - 86400_000, newStart - 3600_000]);
  });

  it('the calendar file of a session has its place as the location', async () => {
    const app = setup();
    session(app, { quota: 3 });
    const u = await userIn(app, 'en');
    await openProgramme(u);
    for (const m of ['1', '1', 'Ani', '1']) await u.say(m);
    await openProgramme(u);
    await u.say('1');
    await u.say('2');
    const rows = app.db.prepare('SELECT payload FROM outbox WHERE chat_id = ? ORDER BY id').pluck().all(u.chatId) as string[];
    const sent = rows.map((r) => JSON.parse(r) as { text: string; media?: { path: string } }).find((p) => p.media);
    expect(sent?.text).toBe('Here is the calendar file for the session. Open it to add the session to your calendar.');
    const media = sent!.media;
    const ics = fs.readFileSync(media!.path, 'utf8');
    expect(ics).toContain('LOCATION:BLK Banyuwangi');
    expect(ics).toContain('SUMMARY:Cooking training');
  });
});
