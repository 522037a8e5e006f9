/**
 * Safe-time windows as a worker and an officer see them, in Indonesian, English and Javanese:
 * "Only at a safer time" offers windows in local time, officers' messages wait for the window,
 * the officer is told when they will arrive and may send now after confirming.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { caseByRef } from '../../domain/cases/cases.js';
import { createTestApp } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';

const HOUR = 3_600_000;
let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

/** Outbox rows for a chat: text, and when held until (ms) or null. */
function rows(chatId: string): { text: string; holdUntil: number | null; reason: string | null }[] {
  return (app.db.prepare('SELECT payload, hold_until, hold_reason FROM outbox WHERE chat_id = ? ORDER BY id').all(chatId) as { payload: string; hold_until: number | null; hold_reason: string | null }[]).map((r) => ({
    text: (JSON.parse(r.payload) as { text: string }).text,
    holdUntil: r.hold_until,
    reason: r.hold_reason,
  }));
}

describe('safe-time window in a report', () => {
  it('Indonesian: the window menu in local time, the officer’s reply held until 21:00 Hong Kong time, /sendnow after confirming', async () => {
    app = createTestApp({ env: casesTestEnv }); // clock: Friday 27 Nov 2026, 03:00 UTC = 11:00 in Hong Kong
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    await typeAll(u, ['1', '1', '1', '1', '1', 'Kowloon', 'Siti', '-', 'Gaji saya belum dibayar tiga bulan.', 'selesai', '-']);
    const menu = await u.say('2'); // "only at a safer time"
    expect(menu).toEqual([
      `${tr(app, 'id', 'safeTime.askWindow')}\n\n1. Pagi, 06.00–09.00\n2. Siang, 12.00–15.00\n3. Sore/petang, 18.00–21.00\n4. Malam, 21.00–24.00\n5. Hanya akhir pekan, 08.00–20.00\n0. Kembali`,
    ]);
    const summary = await u.say('4');
    expect(summary[0]).toContain('• Dihubungi: lewat chat ini, hanya pada: Malam, 21.00–24.00 (waktu Hong Kong)');
    const { ref } = refAndPin(await u.say('1'));
    expect(caseByRef(app.db, ref)).toMatchObject({ contactPref: 'safe_time', safeTime: 'late_night' });
    expect(u.contact()).toMatchObject({ safeWindow: 'late_night', safeZone: 'Asia/Hong_Kong' });
    officer.replies();
    expect((await officer.say(`/case ${ref}`))[0]).toContain('this chat, only at: Late night, 21:00–24:00 (Hong Kong time)');

    // The officer answers at 11:00 Hong Kong time: the message waits for 21:00 there (13:00 UTC).
    const answer = await officer.say(`/reply ${ref} Apakah Anda aman sekarang?`);
    expect(answer[0]).toBe(`Sent to the reporter of ${ref}.\n⏳ The reporter asked to be messaged only at a safer time: will be delivered at 21:00 their time (Hong Kong). To send it now anyway: /sendnow ${ref}`);
    const held = rows(u.chatId).at(-1)!;
    expect(held.text).toContain('Apakah Anda aman sekarang?');
    expect(held).toMatchObject({ holdUntil: Date.UTC(2026, 10, 27, 13, 0), reason: 'safe_time' });

    // The worker's own messages are answered at once (they just wrote).
    u.replies();
    expect(await u.say('menu')).toHaveLength(1);
    expect(rows(u.chatId).at(-1)).toMatchObject({ holdUntil: null, reason: null });

    // A status change is held the same way.
    const status = await officer.say(`/status ${ref} in_progress`);
    expect(status[0]).toContain('will be delivered at 21:00 their time (Hong Kong)');

    // Send now: warned, asked, then released.
    const ask = await officer.say(`/sendnow ${ref}`);
    expect(ask[0]).toContain('will be delivered at 21:00 their time (Hong Kong)');
    expect(ask[0]).toContain(tr(app, 'en', 'safeTime.sendNowWarning'));
    expect(ask[1]).toBe(`Send the waiting messages to the reporter of ${ref} now anyway?\n\n1. Yes, send now\n2. No, keep waiting for their safe time\n0. Back`);
    expect(await officer.say('2')).toEqual([tr(app, 'en', 'safeTime.sendNowKept'), tr(app, 'en', 'officer.idle')]);
    expect(rows(u.chatId).filter((r) => r.reason === 'safe_time')).toHaveLength(2);
    await officer.say(`/sendnow ${ref}`);
    expect((await officer.say('1'))[0]).toBe(`Sent now: 2 message(s) to the reporter of ${ref}.`);
    expect(rows(u.chatId).filter((r) => r.reason === 'safe_time')).toHaveLength(0);
    expect(app.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'case_send_now'").pluck().get()).toBe(1);
    expect((await officer.say(`/sendnow ${ref}`))[0]).toBe(`Nothing is waiting for the reporter of ${ref}.`);
  });

  it('Javanese: a country with no known zone asks the local time and keeps it as an offset', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'id');
    const u = await startUser(app, 'jv');
    await typeAll(u, ['1', '1', '1', '1', '8', 'Kenya', 'Nairobi', '-', '-', 'Gaji kula dereng dipunbayar tigang wulan.', 'sampun', '-', '2']);
    const ask = await u.say('1'); // morning
    expect(ask).toEqual([tr(app, 'jv', 'safeTime.askLocalTime')]);
    expect(await u.say('jam sepuluh')).toEqual([tr(app, 'jv', 'safeTime.badTime'), tr(app, 'jv', 'safeTime.askLocalTime')]);
    const summary = await u.say('06:00'); // 03:00 UTC → UTC+3
    expect(summary[0]).toContain('• Dipunhubungi: lumantar chat menika, namung ing: Enjing, 06.00–09.00 (wekdal UTC+3)');
    const { ref } = refAndPin(await u.say('1'));
    expect(u.contact()).toMatchObject({ safeWindow: 'morning', safeZone: 'UTC+3' });
    officer.replies();
    // 06:00 there now: inside the window, so nothing is held.
    expect(await officer.say(`/reply ${ref} Kami sudah menerima laporan Anda.`)).toEqual([`Terkirim ke pelapor ${ref}.`, tr(app, 'id', 'officer.idle')]);
    expect(rows(u.chatId).at(-1)).toMatchObject({ holdUntil: null });
    // Four hours later it is 10:00 there: held until tomorrow 06:00 (a day name is shown).
    app.manualClock.advance(4 * HOUR);
    const later = await officer.say(`/reply ${ref} Mohon kabari kami.`);
    expect(later[0]).toContain('akan terkirim pukul Sab 06:00 waktu setempat (UTC+3)');
  });
});

describe('the emergency path', () => {
  it('English: answers to an urgent case whose reporter is writing now are not held; later ones are', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    // Trafficking (urgent) in Hong Kong, only late at night.
    await typeAll(u, ['1', '1', '1', '11', '1', '-', '-', '-', 'The agent sold me and I am forced to work.', 'done', '2', '4']);
    const { ref } = refAndPin(await u.say('1'));
    expect(caseByRef(app.db, ref)).toMatchObject({ urgent: true });
    officer.replies();
    expect(await officer.say(`/reply ${ref} Where are you now?`)).toEqual([`Sent to the reporter of ${ref}.`, tr(app, 'en', 'officer.idle')]);
    expect(rows(u.chatId).at(-1)).toMatchObject({ holdUntil: null });
    app.manualClock.advance(HOUR);
    expect((await officer.say(`/reply ${ref} Please write when you can.`))[0]).toContain('will be delivered at 21:00 their time (Hong Kong)');
  });
});

describe('changing the window from the menu', () => {
  it('English: Announcements and my data → Safe time for messages; held messages follow the new choice', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    await typeAll(u, ['1', '1', '1', '1', '2', '-', '-', '-', 'My salary has not been paid for two months.', 'done', '-', '2', '3']); // Taiwan, evening
    const { ref } = refAndPin(await u.say('1'));
    expect(u.contact()).toMatchObject({ safeWindow: 'evening', safeZone: 'Asia/Taipei' });
    await officer.say(`/reply ${ref} We are calling your agency.`);
    expect(rows(u.chatId).at(-1)).toMatchObject({ holdUntil: Date.UTC(2026, 10, 27, 10, 0), reason: 'safe_time' }); // 18:00 Taipei

    const account = await typeAll(u, ['menu', '7']);
    expect(account.at(-1)).toContain('5. Safe time for messages');
    const menu = await u.say('5');
    expect(menu[0]).toBe('Now: messages from officers reach you only at: Evening, 18:00–21:00 (Taiwan time).');
    expect(menu[1]).toBe(`${tr(app, 'en', 'safeTime.askWindow')}\n\n1. Morning, 06:00–09:00\n2. Afternoon, 12:00–15:00\n3. Evening, 18:00–21:00\n4. Late night, 21:00–24:00\n5. Weekends only, 08:00–20:00\n6. Any time (no limit)\n0. Back`);
    const saved = await u.say('4');
    expect(saved[0]).toBe(tr(app, 'en', 'safeTime.saved', { window: 'Late night, 21:00–24:00 (Taiwan time)' }));
    expect(u.contact()).toMatchObject({ safeWindow: 'late_night', safeZone: 'Asia/Taipei' });
    expect(rows(u.chatId).find((r) => r.text.includes('calling your agency'))).toMatchObject({ holdUntil: Date.UTC(2026, 10, 27, 13, 0) }); // 21:00 Taipei

    await typeAll(u, ['menu', '7', '5']);
    expect((await u.say('6'))[0]).toBe(tr(app, 'en', 'safeTime.savedAny'));
    expect(u.contact()).toMatchObject({ safeWindow: null, safeZone: null });
    expect(rows(u.chatId).find((r) => r.text.includes('calling your agency'))).toMatchObject({ holdUntil: null, reason: null });
    expect(app.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'safe_time_set'").pluck().get()).toBe(2);
  });

  it('Indonesian: a contact with no country is asked the local time from the menu too', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'id');
    await typeAll(u, ['menu', '7']);
    expect((await u.say('5'))[0]).toBe(tr(app, 'id', 'safeTime.currentAny'));
    expect(await u.say('3')).toEqual([tr(app, 'id', 'safeTime.askLocalTime')]);
    expect((await u.say('11.00'))[0]).toBe(tr(app, 'id', 'safeTime.saved', { window: 'Sore/petang, 18.00–21.00 (waktu UTC+8)' }));
    expect(u.contact()).toMatchObject({ safeWindow: 'evening', safeZone: 'UTC+8' });
  });
});
