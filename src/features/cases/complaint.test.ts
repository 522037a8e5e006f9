import { afterEach, describe, expect, it } from 'vitest';
import { caseByRef } from '../../domain/cases/cases.js';
import { createTestApp } from '../../testing/harness.js';
import { casesTestEnv, count, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

describe('report a problem', () => {
  it('a worker reports unpaid wages in Indonesian: consent, answers, summary, reference and PIN; officers told', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'id');
    const u = await startUser(app, 'id');

    expect((await u.say('1'))[0]).toBe(tr(app, 'id', 'complaint.consent') + '\n\n1. Saya setuju, lanjutkan\n2. Lapor tanpa nama (anonim)\n3. Berhenti, tidak jadi melapor\n0. Kembali');
    expect(count(app, 'cases')).toBe(0);
    expect((await u.say('1'))[0]).toMatch(/^Laporan ini untuk siapa\?/);
    expect((await u.say('1'))[0]).toContain('1. Gaji tidak dibayar');
    expect((await u.say('1'))[0]).toContain('1. Hong Kong');
    expect(await u.say('2')).toEqual([expect.stringMatching(/^Di kota atau daerah mana\?/)]);
    expect((await u.say('Taipei'))[0]).toMatch(/^Siapa nama Anda\?/);
    expect((await u.say('Siti Aminah'))[0]).toMatch(/^Nama majikan/);
    expect((await u.say('PT Maju Jaya'))[0]).toMatch(/^Ceritakan apa yang terjadi/);
    expect((await u.say('Gaji saya belum dibayar selama 3 bulan oleh majikan.'))[0]).toMatch(/^Apakah ada foto/);
    // Where the worker is from at home, after the story; optional ("-" skips).
    expect(await u.say('selesai')).toEqual([tr(app, 'id', 'complaint.askHome') + '\n\n-. Lewati']);
    expect((await u.say('-'))[0]).toMatch(/^Bagaimana kami menghubungi Anda\?/);
    const summary = await u.say('1');
    expect(summary[0]).toContain('• Masalah: Gaji tidak dibayar');
    expect(summary[0]).toContain('• Negara: Taiwan, kota: Taipei');
    expect(summary[0]).toContain('Gaji saya belum dibayar selama 3 bulan oleh majikan.');
    expect(summary[0]).not.toContain('MENDESAK');
    expect(summary[1]).toMatch(/^Apakah sudah benar\?/);
    expect(count(app, 'cases')).toBe(0);
    expect(officer.replies()).toEqual([]);

    const done = await u.say('1');
    const { ref, pin } = refAndPin(done);
    expect(ref).toBe('BWI-2611-0001');
    // What happens next and the contacts first; the reference and PIN last, so they stay on
    // screen, then "have you written them down?" before anything else.
    expect(done[0]).toBe(tr(app, 'id', 'complaint.next'));
    expect(done[1]).toContain('Crisis Center KP2MI (dulu BP2MI)');
    expect(done[2]).toContain('PIN hanya ditampilkan kali ini');
    expect(done[3]).toBe(`${tr(app, 'id', 'complaint.writtenDown')}\n\n1. ${tr(app, 'id', 'complaint.writtenYes')}`);
    expect(done).toHaveLength(4);
    expect((await u.say('sudah'))[0]).toMatch(/^Layanan Bantuan Pekerja Migran Banyuwangi/);

    const c = caseByRef(app.db, ref)!;
    expect(c).toMatchObject({ kind: 'complaint', category: 'wages_unpaid', country: 'TW', city: 'Taipei', workerName: 'Siti Aminah', agencyText: 'PT Maju Jaya', onBehalf: 'self', urgent: false, status: 'new', contactPref: 'any', language: 'id' });
    expect(c.reporterContactId).toBe(u.contact()!.id);
    expect(u.contact()).toMatchObject({ audience: 'worker', country: 'TW' });
    expect(u.contact()!.consentAt).not.toBeNull();
    // Only the hash of the PIN is stored, and the session does not keep it.
    const row = app.db.prepare('SELECT pin_hash FROM cases WHERE id = ?').get(c.id) as { pin_hash: string };
    expect(row.pin_hash).toMatch(/^hmac\$/);
    expect(row.pin_hash).not.toContain(pin);
    const sessions = app.db.prepare('SELECT state FROM sessions').pluck().all() as string[];
    expect(sessions.some((s) => s.includes(pin))).toBe(false);

    const alert = officer.replies();
    expect(alert).toHaveLength(1);
    expect(alert[0]).toContain(`Laporan baru ${ref}: Gaji tidak dibayar, Taiwan. Pelapor: pekerja sendiri.`);
    expect(alert[0]).not.toContain('MENDESAK');
    expect(alert[0]).not.toContain('Gaji saya belum dibayar'); // the story is read with /case, not pushed around
  });

  it('a family member reports lost contact in English, with an "other" country typed in', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const texts = await typeAll(u, ['1', '1', '2', '9', '8']);
    expect(texts.at(-1)).toBe('Please type the name of the country.');
    expect((await u.say('Qatar'))[0]).toMatch(/^In which city/);
    expect((await u.say('-'))[0]).toMatch(/^What is the worker's full name/);
    // The worker's name is required in a family report (no skip offered).
    expect((await u.say('Budi Santoso'))[0]).toMatch(/^The name of the employer/);
    await typeAll(u, ['-', 'We have not heard from my brother for two months.', 'done', '-', '3']);
    const done = await u.say('1');
    const { ref } = refAndPin(done);
    // "Qatar" typed under "Other" is a known country: stored as QA, and the contact's country too (announcements reach them).
    expect(caseByRef(app.db, ref)).toMatchObject({ onBehalf: 'family', category: 'lost_contact', country: 'QA', countryText: null, city: null, workerName: 'Budi Santoso', agencyText: null, contactPref: 'none' });
    expect(u.contact()!.audience).toBe('family');
    expect(u.contact()!.country).toBe('QA');
    expect(officer.replies()[0]).toContain(`New report ${ref}: Lost contact, Qatar. Reported by: a family member.`);
  });

  it('an anonymous report in Javanese: no name asked, not linked to the chat, followed by reference and PIN', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'jv');
    const u = await startUser(app, 'jv');
    const texts = await typeAll(u, ['1', '2', '1', '3', '3', 'Kuala Lumpur']);
    // After the city comes the agency: an anonymous worker is not asked their name.
    expect(texts.at(-1)).toMatch(/^Asma majikan utawi perusahaan/);
    const more = await typeAll(u, ['-', 'Paspor kula dipuncepeng majikan wiwit wulan kepungkur.', 'sampun', '-']);
    // No contact question for an anonymous report: straight to the summary.
    expect(more.at(-2)).toContain('• Dipunhubungi: anonim, dipunpriksa mawi nomer laporan lan PIN');
    const done = await u.say('1');
    const { ref } = refAndPin(done);
    expect(done[0]).toBe(tr(app, 'jv', 'complaint.nextAnonymous', { ref }));
    const c = caseByRef(app.db, ref)!;
    expect(c).toMatchObject({ anonymous: true, reporterContactId: null, workerName: null, category: 'documents_held', country: 'MY' });
    expect(u.contact()).toMatchObject({ audience: null, country: null, consentAt: null });
    expect(officer.replies()[0]).toContain(`Laporan enggal ${ref}: Paspor utawi dokumen dipuncepeng, Malaysia. Ingkang lapuran: anonim.`);
  });

  it('batal abandons the report at any step and nothing is stored; stop at consent stores nothing either', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    await typeAll(u, ['1', '1', '1', '1', '1', 'Kowloon', 'Siti', '-', 'Majikan tidak membayar gaji saya.']);
    const before = { outbox: count(app, 'outbox') };
    expect(await u.say('batal')).toEqual([tr(app, 'id', 'common.cancelled'), expect.stringMatching(/^Layanan Bantuan/)]);
    for (const table of ['cases', 'case_events', 'attachments', 'case_ref_counters']) expect(count(app, table)).toBe(0);
    expect(count(app, 'outbox')).toBe(before.outbox + 2);
    expect(JSON.parse(app.db.prepare('SELECT state FROM sessions WHERE contact_id = ?').pluck().get(u.contact()!.id) as string).data).toEqual({});

    const en = await startUser(app, 'en');
    expect(await typeAll(en, ['1', '3'])).toContain(tr(app, 'en', 'complaint.stopped'));
    expect(count(app, 'cases')).toBe(0);
    expect(officer.replies()).toEqual([]);
  });

  it('0 goes back one step; fixing an answer from the summary returns to the summary', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'en');
    await typeAll(u, ['1', '1', '1', '1']);
    expect((await u.say('0'))[0]).toMatch(/^What is the problem\?/);
    await typeAll(u, ['2', '1', 'Mong Kok', '-', '-', 'I want to go home, my contract is over.', 'done', '-']);
    const summary = await u.say('1');
    expect(summary[0]).toContain('• Problem: Wants to go home');
    expect((await u.say('2'))[0]).toMatch(/^What do you want to change\?/);
    expect((await u.say('3'))[0]).toMatch(/^In which city/);
    const again = await u.say('Sha Tin');
    expect(again[0]).toContain('• Country: Hong Kong, city: Sha Tin');
    const { ref } = refAndPin(await u.say('1'));
    expect(caseByRef(app.db, ref)).toMatchObject({ city: 'Sha Tin', category: 'wants_home' });
  });

  it('accepts a prefilled category and agency (from the agency check) and skips those questions', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'en');
    // What `{ flow: 'complaint', with: { category, agencyName } }` leaves in the session (the
    // agency-check feature opens the report this way); the next message answers the consent.
    app.db.prepare('UPDATE sessions SET state = ? WHERE contact_id = ?').run(
      JSON.stringify({ v: 1, flow: 'complaint', step: 'consent', data: { category: 'recruitment_fraud', agencyName: 'PT Contoh Sukses' }, trail: [] }),
      u.contact()!.id,
    );
    const afterWho = await typeAll(u, ['1', '1']);
    expect(afterWho.at(-1)).toMatch(/^In which country/);
    await typeAll(u, ['3', 'Johor']);
    // Own name next, then straight to the description (agency known).
    expect((await u.say('-'))[0]).toMatch(/^Please tell us what happened/);
    await typeAll(u, ['They took my money and I never left Indonesia.', 'done', '-', '1']);
    const { ref } = refAndPin(await u.say('1'));
    expect(caseByRef(app.db, ref)).toMatchObject({ category: 'recruitment_fraud', agencyText: 'PT Contoh Sukses', country: 'MY' });
  });

  it('an urgent category alerts officers (marked, with contacts for the country) before the report is finished', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    const texts = await typeAll(u, ['1', '1', '1', '11', '1']);
    expect(texts).toContain(tr(app, 'id', 'complaint.urgentNotice'));
    expect(texts.find((t) => t.startsWith('Kontak darurat:'))).toContain('KJRI Hong Kong');
    expect(count(app, 'cases')).toBe(0);
    const early = officer.replies();
    expect(early).toHaveLength(1);
    expect(early[0]).toMatch(/^🚨 URGENT\nSomeone is writing an urgent report now: Trafficking \(sold, forced to work\), Hong Kong/);

    await typeAll(u, ['-', '-', '-', 'Saya dijual oleh agen dan dipaksa bekerja tanpa gaji.', 'selesai', '1']);
    const done = await u.say('1');
    const { ref } = refAndPin(done);
    expect(done[0]).toBe(tr(app, 'id', 'complaint.nextUrgent'));
    expect(caseByRef(app.db, ref)).toMatchObject({ urgent: true, urgentReason: 'category' });
    // Officers were not alerted twice for the same report before it was created.
    const created = officer.replies();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatch(new RegExp(`^🚨 URGENT\\nNew report ${ref}`));
  });

  it('danger words in the story make a report urgent and alert officers at once', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'id');
    const u = await startUser(app, 'en');
    await typeAll(u, ['1', '1', '1', '1', '2', '-', '-', '-']);
    const texts = await u.say('My employer locked me in the room and I was beaten last night.');
    expect(texts[0]).toBe(tr(app, 'en', 'complaint.urgentNotice'));
    expect(officer.replies()[0]).toContain('alasan: kata bahaya dalam cerita');
    await typeAll(u, ['done', '1']);
    const { ref } = refAndPin(await u.say('1'));
    expect(caseByRef(app.db, ref)).toMatchObject({ urgent: true, urgentReason: 'words', category: 'wages_unpaid' });
  });

  it('sos opens the urgent case at once; the optional full report fills the same case (Javanese)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'jv');
    const texts = await u.say('darurat');
    const ref = /\*([A-Z]{2,6}-\d{4}-\d{4,})\*/.exec(texts[0])?.[1] as string;
    expect(texts[0]).toBe([tr(app, 'jv', 'emergency.intro'), tr(app, 'jv', 'emergency.opened', { ref }), tr(app, 'jv', 'emergency.officersAlerted')].join('\n'));
    expect(texts[1]).toMatch(/^Kontak darurat:\n• Crisis Center KP2MI \(rumiyin BP2MI\)/);
    expect(texts[2]).toMatch(/^Panjenengan wonten ing nagari pundi\?/);
    expect(caseByRef(app.db, ref)).toMatchObject({ urgent: true, urgentReason: 'sos', category: 'emergency', status: 'new' });
    expect(officer.replies()[0]).toMatch(new RegExp(`^🚨 URGENT\\nEmergency ${ref}: someone typed the emergency word`));
    expect(app.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'emergency_alert'").pluck().get()).toBe(1);
    // A second sos right away adds to the same case and does not page the officers again.
    expect((await u.say('sos'))[0]).toContain(tr(app, 'jv', 'emergency.stillOpen', { ref }));
    expect(officer.replies()).toEqual([]);

    // Saudi Arabia: its own police and ambulance numbers first, then "where are you?".
    const saudi = await u.say('7');
    expect(saudi[0]).toContain('Polisi: 999');
    expect(saudi[0]).toContain('Ambulans: 997');
    expect(saudi.at(-1)).toBe(tr(app, 'jv', 'emergency.askWhere') + '\n\n-. Liwati');
    expect((await u.say('Riyadh'))[0]).toMatch(/^Menapa aman chat wonten ing ngriki\?/);
    expect(officer.replies()[0]).toContain(`${ref}: where the person is now:\nRiyadh`);
    await u.say('1'); // safe to chat
    expect(officer.replies()).toEqual([`🚨 URGENT\n${ref}: it is safe to chat with them in this chat.\n${tr(app, 'en', 'officer.answerHint', { ref })}`]);
    await u.say('1'); // full report now
    await typeAll(u, ['1', '1', '2']); // consent, self, wants to go home
    // The country was already named: not asked again, and no second alert.
    await typeAll(u, ['Riyadh', '-', '-', 'Kula kepengin wangsul, majikan mboten ngeparengaken.', 'sampun', '1']);
    const done = await u.say('1');
    expect(refAndPin(done).ref).toBe(ref);
    expect(count(app, 'cases')).toBe(1);
    expect(caseByRef(app.db, ref)).toMatchObject({ urgent: true, urgentReason: 'sos', country: 'SA', category: 'wants_home', city: 'Riyadh' });
    expect(officer.replies()[0]).toMatch(new RegExp(`^🚨 URGENT\\nFull report for ${ref}: Wants to go home, Saudi Arabia`));
  });
});
