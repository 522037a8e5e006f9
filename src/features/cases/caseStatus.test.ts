import { afterEach, describe, expect, it } from 'vitest';
import { caseByRef, caseEvents } from '../../domain/cases/cases.js';
import { MAX_WRONG_PINS, PIN_WINDOW_MS } from '../../domain/cases/pin.js';
import { createTestApp, TestUser } from '../../testing/harness.js';
import { casesTestEnv, count, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

/** Files a simple report and returns its reference and PIN. */
async function report(u: TestUser, story = 'Gaji saya belum dibayar tiga bulan.'): Promise<{ ref: string; pin: string }> {
  await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', story, 'done', '-', '1']);
  return refAndPin(await u.say('1'));
}

describe('check my report', () => {
  it('from the same chat: own cases with status in plain words and the last officer message (Indonesian)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    const { ref } = await report(u);
    await officer.say(`/reply ${ref} Kami sudah menghubungi agensi Anda.`);
    u.replies();

    // After an officer wrote, the next message is an answer to them; the menu is one word away.
    await u.say('menu');
    const texts = await u.say('2');
    expect(texts[0]).toBe(
      ['Laporan Anda:', `• ${ref} (Gaji tidak dibayar, 27-11-2026): sudah diterima, menunggu petugas`, '  Pesan terakhir dari petugas (27-11-2026):', '  “Kami sudah menghubungi agensi Anda.”'].join('\n'),
    );
    expect(texts[1]).toMatch(/^Apa yang ingin Anda lakukan\?\n\n1. Tambah informasi ke laporan\n2. Cek laporan dengan nomor laporan dan PIN/);
  });

  it('adds information (text, then a file) to an open case; it reaches the officers', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const { ref } = await report(u, 'My wages were not paid for 3 months.');
    officer.replies();
    expect(await typeAll(u, ['2', '1'])).toContain(`Which report?\n\n1. ${ref}\n0. Back`);
    expect((await u.say('1'))[0]).toBe(tr(app, 'en', 'caseStatus.askInfo'));
    expect((await u.say('The agency phone number is +852 5555 0000.'))[0]).toBe(tr(app, 'en', 'caseStatus.infoSent', { ref }));
    expect(officer.replies()).toEqual([
      `The reporter added information to ${ref}:\nThe agency phone number is +852 5555 0000.\n${tr(app, 'en', 'officer.answerHint', { ref })}`,
    ]);

    // Assigned cases go to the assigned officer only.
    const other = await startOfficer(app, 'en', '9002');
    await officer.say(`/assign ${ref} me`);
    officer.replies();
    await typeAll(u, ['2', '1', '1']);
    await u.sendMedia({ kind: 'image', mime: 'image/jpeg', size: 1000, ref: 'file-1' });
    expect(officer.replies()[0]).toContain('(a photo was added; it will appear in /case shortly)');
    expect(other.replies()).toEqual([]);
    const c = caseByRef(app.db, ref)!;
    expect(caseEvents(app.db, c.id).map((e) => e.kind)).toEqual(['created', 'message_in', 'assigned', 'attachment']);
    expect(count(app, 'attachments')).toBe(1);
  });

  it('from another phone: the right reference and PIN show the case (English)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const worker = await startUser(app, 'id');
    const { ref, pin } = await report(worker);
    const family = await startUser(app, 'en');
    expect(await family.say('2')).toEqual([tr(app, 'en', 'caseStatus.noneHere'), expect.stringMatching(/^You can check a report made from another phone/)]);
    expect((await family.say('1'))[0]).toBe(tr(app, 'en', 'caseStatus.askRef'));
    expect((await family.say(ref.toLowerCase().replace(/-/g, ' ')))[0]).toBe(tr(app, 'en', 'caseStatus.askPin'));
    const shown = await family.say(pin);
    expect(shown[0]).toBe(`• ${ref} (Wages not paid, 27-11-2026): received, waiting for an officer`);
    expect(shown[1]).toMatch(/^What would you like to do\?\n\n1. Add information to a report/);
    // The family member may add information to the case they opened with the PIN.
    await family.say('1');
    expect((await family.say('Her employer is Mr Chan in Tsuen Wan.'))[0]).toBe(tr(app, 'en', 'caseStatus.infoSent', { ref }));
    // The PIN does not stay in the stored session.
    const state = app.db.prepare('SELECT state FROM sessions WHERE contact_id = ?').pluck().get(family.contact()!.id) as string;
    expect(state).not.toContain(pin);
  });

  it('wrong PINs and unknown references get the same answer; the 6th wrong try within an hour is refused (Javanese)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const worker = await startUser(app, 'id');
    const { ref, pin } = await report(worker);
    const other = await startUser(app, 'jv');
    const wrong = pin === '000000' ? '111111' : '000000';

    const tryPin = async (r: string, p: string) => (await typeAll(other, ['2', '1', r, p])).slice(-2);
    const wrongAnswer = await tryPin(ref, wrong);
    const unknownAnswer = await tryPin('BWI-2611-9999', wrong);
    expect(wrongAnswer[0]).toBe(tr(app, 'jv', 'caseStatus.notMatched'));
    expect(unknownAnswer).toEqual(wrongAnswer);
    for (let i = 2; i < MAX_WRONG_PINS; i++) await tryPin(ref, wrong);
    expect(count(app, 'pin_attempts')).toBe(MAX_WRONG_PINS);
    // Locked now, even with the right PIN.
    const locked = await tryPin(ref, pin);
    expect(locked[0]).toBe(tr(app, 'jv', 'caseStatus.locked'));
    expect(locked[0]).toMatch(/^Kathah sanget cobi ingkang lepat/);
    // Another chat is not affected; after an hour this chat may try again.
    const third = await startUser(app, 'en');
    expect((await typeAll(third, ['2', '1', ref, pin])).join('\n')).toContain(`• ${ref} (`);
    app.manualClock.advance(PIN_WINDOW_MS + 1);
    expect((await tryPin(ref, pin))[0]).toMatch(new RegExp(`^• ${ref} \\(Bayaran mboten dipunbayar`));
    expect(app.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'case_pin_wrong'").pluck().get()).toBe(MAX_WRONG_PINS);
  });

  it('a closed case can be seen but not added to', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const { ref } = await report(u, 'My wages were not paid for 3 months.');
    await officer.say(`/status ${ref} closed`);
    u.replies();
    const texts = await u.say('2');
    expect(texts[0]).toContain(`• ${ref} (Wages not paid, 27-11-2026): closed`);
    expect(texts[1]).toMatch(/^You can check a report made from another phone/);
  });
});
