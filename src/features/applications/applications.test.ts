/**
 * Applying to a programme in the chat, in three languages: education help asks the child's school
 * level, economic support asks whom it is for; both show who can apply and the documents to prepare
 * with the "to be confirmed by the operator" note (until an admin confirms), give a reference, and
 * the applicant hears every status an officer sets, in their language, and can follow it by reference.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../core/types.js';
import { applicationStatusOf } from '../../domain/assistance/applications.js';
import { confirmEligibility } from '../../domain/assistance/eligibility.js';
import { caseByRef, caseEvents } from '../../domain/cases/cases.js';
import { createTestApp, type TestUser } from '../../testing/harness.js';
import { casesTestEnv, startOfficer, startUser, typeAll } from '../../testing/cases.js';
import { addOfficer } from '../../domain/officers/accounts.js';

/** The reference and the PIN from the "application recorded" replies (the PIN wording differs per language). */
function refAndPin(replies: string[]): { ref: string; pin: string } {
  const joined = replies.join('\n');
  const ref = /\*([A-Z]{2,6}-\d{4}-\d{4,})\*/.exec(joined)?.[1];
  const pin = /PIN[^*\n]*\*(\d{6})\*/.exec(joined)?.[1];
  if (!ref || !pin) throw new Error(`no reference/PIN in:\n${joined}`);
  return { ref, pin };
}

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const T = {
  id: {
    eduTitle: 'Dukungan pendidikan untuk anak pekerja migran: sebelum mendaftar',
    who: 'Siapa yang bisa mendaftar:\n• Anak dari pekerja migran asal Banyuwangi.',
    documents: 'Dokumen yang perlu disiapkan:',
    note: 'Catatan: syarat ini masih harus dipastikan oleh pengelola layanan.',
    level: 'Anak sekolah di jenjang apa?\n\n1. Sekolah dasar, kelas 1–6 (SD/MI)\n2. Sekolah menengah pertama, kelas 7–9 (SMP/MTs)\n3. Sekolah menengah atas atau kejuruan, kelas 10–12 (SMA/SMK/MA)\n4. Kuliah (perguruan tinggi)',
    saved: 'Permohonan Anda sudah dicatat. Nomor laporan: *BWI-2611-0001* (Dukungan pendidikan untuk anak pekerja migran). Status: sudah diterima.',
    need: 'Biaya seragam dan buku',
    ecoFor: 'Bantuan ini untuk siapa?\n\n1. Keluarga pekerja yang sedang di luar negeri\n2. Mantan pekerja migran yang sudah pulang (purna PMI)',
    ecoAbout: 'Bentuk bantuannya:\n• Bantuan yang pernah diberikan Pemkab Banyuwangi',
    ecoSaved: 'Nomor laporan: *BWI-2611-0001* (Pemberdayaan ekonomi untuk keluarga dan purna pekerja migran)',
    update: 'Kabar permohonan Anda BWI-2611-0001 (Dukungan pendidikan untuk anak pekerja migran): perlu dokumen.',
    listed: 'perlu dokumen',
  },
  en: {
    eduTitle: "Education support for workers' children: before you apply",
    who: 'Who can apply:\n• Children of migrant workers from Banyuwangi.',
    documents: 'Documents to prepare:',
    note: 'Note: these requirements are still to be confirmed by the operator.',
    level: 'What school level is the child at?\n\n1. Primary school, grades 1–6 (SD/MI)\n2. Junior high school, grades 7–9 (SMP/MTs)\n3. Senior high or vocational school, grades 10–12 (SMA/SMK/MA)\n4. University or college (higher education)',
    saved: "Your application has been recorded. Reference number: *BWI-2611-0001* (Education support for workers' children). Status: received.",
    need: 'Uniform and books',
    ecoFor: 'Who is the support for?\n\n1. The family of a worker abroad\n2. A former migrant worker who has come home (purna PMI)',
    ecoAbout: 'What the help can be:\n• Help the Banyuwangi regency has given before',
    ecoSaved: 'Reference number: *BWI-2611-0001* (Economic empowerment for families and ex-workers)',
    update: "Update on your application BWI-2611-0001 (Education support for workers' children): documents needed.",
    listed: 'documents needed',
  },
  jv: {
    eduTitle: 'Pambiyantu pendhidhikan kangge putra-putrinipun pekerja migran: saderengipun ndhaftar',
    who: 'Sinten ingkang saged ndhaftar:\n• Putra-putrinipun pekerja migran saking Banyuwangi.',
    documents: 'Dokumen ingkang kedah dipunsiapaken:',
    note: 'Cathetan: syarat menika taksih kedah dipunpesthekaken dening pengelola layanan.',
    level: 'Lare sekolah ing jenjang menapa?\n\n1. Sekolah dhasar, kelas 1–6 (SD/MI)\n2. Sekolah menengah, kelas 7–9 (SMP/MTs)\n3. Sekolah menengah inggil utawi kejuruan, kelas 10–12 (SMA/SMK/MA)\n4. Kuliah ing universitas utawi akademi (perguruan tinggi)',
    saved: 'Panyuwunan panjenengan sampun kacathet. Nomer laporan: *BWI-2611-0001* (Pambiyantu pendhidhikan kangge putra-putrinipun pekerja migran). Status: sampun dipuntampi.',
    need: 'Wragad seragam lan buku',
    ecoFor: 'Pambiyantu menika kangge sinten?\n\n1. Kulawarga pekerja ingkang saweg wonten ing manca nagari\n2. Tilas pekerja migran ingkang sampun wangsul (purna PMI)',
    ecoAbout: 'Wujudipun pambiyantu:\n• Pambiyantu ingkang nate dipunparingaken Pemkab Banyuwangi',
    ecoSaved: 'Nomer laporan: *BWI-2611-0001* (Pemberdayaan ekonomi kangge kulawarga lan tilas pekerja migran)',
    update: 'Kabar panyuwunan panjenengan BWI-2611-0001 (Pambiyantu pendhidhikan kangge putra-putrinipun pekerja migran): mbetahaken dokumen.',
    listed: 'mbetahaken dokumen',
  },
} as const;

/** Opens a programme's page from the assistance menu and chooses "ask for help from this programme". */
async function openApplication(u: TestUser, programme: '1' | '2'): Promise<string> {
  await typeAll(u, ['5', '1', programme]);
  return (await u.say('1')).join('\n');
}

describe('applications to a programme', () => {
  for (const lang of ['id', 'en', 'jv'] as const) {
    const t = T[lang];
    it(`transcript (${lang}): education help shows eligibility with the to-be-confirmed note, asks the school level, gives a reference`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      const eligibility = await openApplication(u, '1');
      expect(eligibility).toContain(t.eduTitle);
      expect(eligibility).toContain(t.who);
      expect(eligibility).toContain(t.documents);
      expect(eligibility).toContain(t.note);
      const level = (await u.say('1')).join('\n'); // yes, apply
      expect(level).toContain(t.level);
      await u.say('2'); // junior high school
      await u.say(t.need);
      await u.say('Desa Kemiren, Glagah');
      await u.say('1'); // through this chat
      const saved = await u.say('1'); // consent
      expect(saved[0]).toContain(t.saved);
      const { ref, pin } = refAndPin(saved);
      expect(ref).toBe('BWI-2611-0001');
      expect(pin).toMatch(/^\d{6}$/);
      const c = caseByRef(app.db, ref)!;
      expect(c).toMatchObject({ kind: 'assistance', category: 'education', onBehalf: 'family', status: 'new', language: lang });
      expect(c.details).toEqual({ program: 'education', who: 'family', village: 'Desa Kemiren', need: t.need, reach: 'chat', schoolLevel: 'junior' });
      expect(applicationStatusOf(app.db, c)).toBe('received');
      expect(officer.replies().join('\n')).toContain(`New application ${ref}: Education support for workers' children. For: a migrant worker's family.`);
      // The officer reads the school level with /case.
      expect((await officer.say(`/case ${ref}`)).join('\n')).toContain('• School level: Junior high school, grades 7–9 (SMP/MTs)');
    });

    it(`transcript (${lang}): economic support asks whom it is for and what for, and says what the help has been`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const u = await startUser(app, lang);
      // From "Ask for help", choosing the programme leads to its application too.
      await typeAll(u, ['5', '2']);
      const eligibility = (await u.say('2')).join('\n');
      expect(eligibility).toContain(t.ecoAbout);
      expect(eligibility).toContain(t.note);
      expect((await u.say('1')).join('\n')).toContain(t.ecoFor);
      await u.say('2'); // a returned worker
      await u.say('Modal warung');
      await u.say('Desa Sumberagung, Pesanggaran');
      await u.say('2'); // by phone
      await u.say('0812 3456 7890');
      const saved = await u.say('1');
      expect(saved[0]).toContain(t.ecoSaved);
      const c = caseByRef(app.db, refAndPin(saved).ref)!;
      expect(c).toMatchObject({ kind: 'assistance', category: 'economic', onBehalf: 'self' });
      expect(c.details).toEqual({ program: 'economic', who: 'exworker', village: 'Desa Sumberagung', need: 'Modal warung', reach: '081234567890' });
      expect(app.db.prepare('SELECT home_district FROM cases WHERE id = ?').pluck().get(c.id)).toBe('pesanggaran');
    });

    it(`(${lang}) an officer's status change reaches the applicant in their language, and "check my report" shows it`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const officer = await startOfficer(app, 'en');
      const u = await startUser(app, lang);
      await openApplication(u, '1');
      await typeAll(u, ['1', '4', t.need, 'Desa Kemiren, Glagah', '1']);
      const { ref } = refAndPin(await u.say('1'));
      officer.replies();
      expect((await officer.say(`/status ${ref} documents_needed Please bring the school report card.`))[0]).toBe(`${ref} is now: documents needed. The reporter has been told.`);
      const told = u.replies().join('\n');
      expect(told).toContain(t.update);
      expect(told).toContain('Please bring the school report card.');
      const c = caseByRef(app.db, ref)!;
      expect(c.status).toBe('waiting');
      expect(applicationStatusOf(app.db, c)).toBe('documents_needed');
      expect(caseEvents(app.db, c.id).map((e) => e.kind)).toEqual(['created', 'status', 'note']);
      await u.say('menu');
      expect((await u.say('2')).join('\n')).toMatch(new RegExp(`${ref} \\(.+\\): ${t.listed}`));
    });
  }

  it('approved and not approved close the case the usual way; a generic status shows the case words', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    await openApplication(u, '1');
    await typeAll(u, ['1', '1', 'Shoes', 'Desa Kemiren, Glagah', '1']);
    const { ref } = refAndPin(await u.say('1'));
    await officer.say(`/status ${ref} checking`);
    expect(u.replies()).toEqual([`Update on your application ${ref} (Education support for workers' children): being checked by an officer.\nAn officer is checking your application.`]);
    await officer.say(`/status ${ref} approved`);
    expect(u.replies().join('\n')).toContain(': approved.\nAn officer will tell you the next steps.');
    expect(caseByRef(app.db, ref)!.status).toBe('resolved');
    expect((await u.say('my data'))[0]).toContain(`• ${ref}: approved`);
    await officer.say(`/status ${ref} referred`);
    expect(u.replies().join('\n')).toContain('passed on to the responsible agency');
    expect(applicationStatusOf(app.db, caseByRef(app.db, ref)!)).toBeNull();
    // A complaint takes no application status.
    expect((await officer.say('/status BWI-2611-0099 approved'))[0]).toContain('BWI-2611-0099');
  });

  it('from another phone, the reference and PIN show the application with its status words', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    await openApplication(u, '2');
    await typeAll(u, ['1', '1', 'Modal warung', 'Desa Kemiren, Glagah', '1']);
    const { ref, pin } = refAndPin(await u.say('1'));
    await officer.say(`/status ${ref} not_approved Kuota tahun ini sudah penuh.`);
    expect(u.replies().join('\n')).toContain(`Kabar permohonan Anda ${ref} (Pemberdayaan ekonomi untuk keluarga dan purna pekerja migran): tidak disetujui.`);
    const other = await startUser(app, 'jv');
    await typeAll(other, ['2', '1', ref]);
    expect((await other.say(pin)).join('\n')).toMatch(new RegExp(`• ${ref} \\(Pemberdayaan ekonomi kangge kulawarga lan tilas pekerja migran, .+\\): mboten dipunsarujuki`));
  });

  it('in discreet mode the update opens with the neutral first line', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'jv');
    await openApplication(u, '2');
    await typeAll(u, ['1', '1', 'Modal warung', 'Desa Kemiren, Glagah', '1']);
    const { ref } = refAndPin(await u.say('1'));
    app.db.prepare('UPDATE contacts SET discreet = 1 WHERE chat_id = ?').run(u.chatId);
    await officer.say(`/status ${ref} checking`);
    const [told] = u.replies();
    expect(told.startsWith(`${app.translator.t('jv', 'discreet.firstLine')}\n\n`)).toBe(true);
    expect(told).toContain(`${ref} (Pemberdayaan ekonomi kangge kulawarga lan tilas pekerja migran): saweg dipunpriksa petugas.`);
  });

  it('a family member following the application hears its status words', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    await openApplication(u, '1');
    await typeAll(u, ['1', '2', 'Books', 'Desa Kemiren, Glagah', '1']);
    const { ref } = refAndPin(await u.say('1'));
    const code = /\*([2-9A-Z]{4}-[2-9A-Z]{4})\*/.exec((await typeAll(u, ['menu', '2', '3', '1', '1'])).join('\n'))![1];
    const mother = await startUser(app, 'jv');
    expect((await mother.say(`ikuti ${code}`)).join('\n')).toContain('sampun dipuntampi');
    u.replies();
    await officer.say(`/status ${ref} approved`);
    expect(mother.replies().join('\n')).toContain(`(${ref}): dipunsarujuki`);
  });

  it('"not now" and declining consent store nothing', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'en');
    await openApplication(u, '2');
    expect((await u.say('2'))[0]).toBe('All right. You can apply at any time from *Assistance for families* in the main menu.');
    await openApplication(u, '2');
    await typeAll(u, ['1', '1', 'Capital for a stall', 'Desa Sumberagung, Pesanggaran', '1']);
    expect((await u.say('2'))[0]).toBe('All right, nothing was stored. You can apply at any time.');
    expect(app.db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(0);
  });

  it('once an admin confirmed a programme, applicants no longer see the note (only for that programme)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'en');
    expect(await openApplication(u, '1')).toContain(T.en.note);
    const { officer: ana } = await addOfficer(app.db, { username: 'ana', password: 'correct horse battery staple', role: 'admin' }, app.clock.now());
    confirmEligibility(app.db, 'education', ana, app.clock.now());
    await u.say('menu');
    const after = await openApplication(u, '1');
    expect(after).toContain(T.en.who);
    expect(after).not.toContain('to be confirmed');
    await u.say('menu');
    expect(await openApplication(u, '2')).toContain(T.en.note);
  });

  it('a status update waits for the applicant\'s safe time', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    await openApplication(u, '1');
    await typeAll(u, ['1', '3', 'Biaya sekolah', 'Desa Kemiren, Glagah', '1']);
    const { ref } = refAndPin(await u.say('1'));
    // Safe time: late at night only (the clock is elsewhere), so the update is held.
    app.db.prepare("UPDATE contacts SET safe_window = 'late_night', safe_zone = 'Asia/Jakarta' WHERE chat_id = ?").run(u.chatId);
    app.manualClock.set(Date.parse('2026-11-20T05:00:00Z'));
    await officer.say(`/status ${ref} approved`);
    const row = app.db.prepare("SELECT hold_reason, hold_until FROM outbox WHERE chat_id = ? ORDER BY id DESC LIMIT 1").get(u.chatId) as { hold_reason: string | null; hold_until: number | null };
    expect(row.hold_reason).toBe('safe_time');
    expect(row.hold_until).toBeGreaterThan(app.clock.now());
  });
});
