/**
 * The programme sessions page over HTTP against the real app: an officer creates a session (bad
 * input is shown back), people sign up and wait in the chat, the officer sees the names, exports
 * them, raises the quota (the one waiting gets the place and is told), moves the place (those
 * signed up are told), and cancels with a message that reaches everyone signed up or waiting.
 */
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { systemClock } from '../../core/clock.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { DashboardClient } from '../../testing/dashboardClient.js';
import { TestUser, createTestApp, testConfig } from '../../testing/harness.js';

const PASSWORD = 'correct horse battery staple';
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function started(): Promise<{ app: App; officer: DashboardClient; officerId: number }> {
  app = createTestApp({ config: testConfig({ DEFAULT_LANGUAGE: 'en' }), http: true, clock: systemClock });
  await app.start();
  const officerId = (await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'officer' }, Date.now())).officer.id;
  const officer = new DashboardClient(`http://127.0.0.1:${app.port}`);
  expect(await officer.login('ana', PASSWORD)).toBe(303);
  return { app, officer, officerId };
}

/** Signs a chat user up (or onto the waitlist when full) for the first skills session. */
async function signUpInChat(u: TestUser, name: string): Promise<string> {
  await u.start('en');
  for (const m of ['5', '1', '3', '1', '1', name]) await u.say(m);
  return (await u.say('1')).join('\n');
}

describe('dashboard: programme sessions', () => {
  it('create, see sign-ups, export, raise the quota, change the place, cancel with a message', { timeout: 30_000 }, async () => {
    const { app, officer, officerId } = await started();
    const start = DateTime.now().setZone('Asia/Jakarta').plus({ days: 3 }).set({ hour: 9, minute: 0 });
    const startText = start.toFormat("yyyy-LL-dd'T'HH:mm");

    const empty = await officer.get('/dashboard/sessions');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('<h2>Skills training and certification before departure</h2>');
    expect(empty.html).toContain('No upcoming session. Create one below.');

    // Neither a place nor a link, and no quota: the form comes back with what to fix, nothing is created.
    const csrf = DashboardClient.csrfOf(empty.html);
    const bad = await officer.post('/dashboard/sessions/create', { _csrf: csrf, program: 'skills', title_id: 'Pelatihan tata boga', start: startText, duration: '120', place: '', link: '', quota: '0' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Give a place, an online link, or both.');
    expect(bad.html).toContain('Give a quota between 1 and 10000.');
    expect(bad.html).toContain('value="Pelatihan tata boga"');
    expect(app.db.prepare('SELECT COUNT(*) FROM gatherings').pluck().get()).toBe(0);

    const created = await officer.post('/dashboard/sessions/create', {
      _csrf: csrf,
      program: 'skills',
      title_id: 'Pelatihan tata boga',
      title_en: 'Cooking training',
      start: startText,
      duration: '120',
      place: 'BLK <Banyuwangi>',
      link: '',
      quota: '1',
    });
    expect(created.status).toBe(303);
    const path = created.location!.replace(/\?.*$/, '');
    expect(path).toMatch(/^\/dashboard\/sessions\/\d+$/);

    const ani = new TestUser(app);
    const budi = new TestUser(app);
    expect(await signUpInChat(ani, 'Ani Rahayu')).toContain('You are signed up for "Cooking training"');
    expect(await signUpInChat(budi, 'Budi <Santoso>')).toContain('You are on the waitlist for "Cooking training" (number 1).');

    const list = await officer.get('/dashboard/sessions');
    expect(list.html).toContain('1 of 1 signed up');
    expect(list.html).toContain('1 waiting');
    expect(list.html).toContain('BLK &lt;Banyuwangi&gt;');
    const one = await officer.get(path);
    expect(one.html).toContain('Ani Rahayu');
    expect(one.html).toContain('Budi &lt;Santoso&gt;');
    expect(one.html).toContain('waitlist no. 1');
    expect(one.html).not.toContain('<Santoso>');

    const csv = await officer.get(`${path}/signups.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.html.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('programme,session,starts_home_time,place,name,status,waitlist_position,channel,chat_id,language,at_home_time');
    expect(lines[1]).toContain(`skills,Pelatihan tata boga,${startText},BLK <Banyuwangi>,Ani Rahayu,signedUp,,console,${ani.chatId},en,`);
    expect(lines[2]).toContain('Budi <Santoso>,waiting,1,console');

    // A quota of 2 gives Budi the place; a new place is told to both.
    ani.replies();
    budi.replies();
    const form = { _csrf: DashboardClient.csrfOf(one.html), title_id: 'Pelatihan tata boga', title_en: 'Cooking training', start: startText, duration: '120', link: '' };
    const edited = await officer.post(`${path}/edit`, { ...form, place: 'Balai Desa Temuasri', quota: '2' });
    expect(edited.status).toBe(303);
    expect(edited.location).toContain('done=edited');
    expect(budi.replies().join('\n')).toContain('Good news: a place has become free in "Cooking training" and it is yours.');
    expect(ani.replies().join('\n')).toContain('has a new place or link.\nWhere: Balai Desa Temuasri');
    // The quota cannot go below the people signed up.
    const below = await officer.post(`${path}/edit`, { ...form, place: 'Balai Desa Temuasri', quota: '1' });
    expect(below.status).toBe(400);
    expect(below.html).toContain('The quota cannot be lower than the number of people already signed up.');

    // Cancelling tells both, with the officer's message.
    const cancelled = await officer.post(`${path}/cancel`, { _csrf: form._csrf, note: 'The hall is flooded; a new date follows.' });
    expect(cancelled.location).toContain('done=cancelled');
    for (const u of [ani, budi]) {
      const text = u.replies().join('\n');
      expect(text).toContain('Notice: the session "Cooking training" on');
      expect(text).toContain('has been cancelled. We apologise.\nMessage from the officers: The hall is flooded; a new date follows.');
    }
    expect((await officer.get(path)).html).toContain('This session is cancelled.');
    expect((await officer.get('/dashboard/sessions')).html).toContain('No upcoming session. Create one below.');

    const audit = app.db.prepare("SELECT actor, action FROM audit WHERE action LIKE 'session_%' AND actor LIKE 'officer:%' ORDER BY id").all();
    expect(audit).toEqual(
      ['session_created', 'session_viewed', 'session_export', 'session_edited', 'session_cancelled', 'session_viewed'].map((action) => ({ actor: `officer:${officerId}`, action })),
    );
  });
});
