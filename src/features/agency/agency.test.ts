import { afterEach, describe, expect, it } from 'vitest';
import { importAgencies } from '../../domain/agencies/importer.js';
import { TEST_REGISTER_CSV } from '../../testing/agencyRegister.js';
import { createTestApp, TestUser } from '../../testing/harness.js';

type TestApp = ReturnType<typeof createTestApp>;
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
});

/** An app whose register is the small test list (not the fictional sample). */
function appWithRegister(env: Record<string, string> = {}): TestApp {
  const app = createTestApp({ env });
  apps.push(app);
  importAgencies(app.db, TEST_REGISTER_CSV, { source: 'test register', now: app.clock.now() });
  return app;
}

async function atQuestion(app: TestApp, lang: 'id' | 'en' | 'jv'): Promise<TestUser> {
  const u = new TestUser(app);
  await u.start(lang);
  await u.say('3'); // main menu: check an agency
  await u.say('1'); // by name or license number
  return u;
}

describe('agency check, English', () => {
  it('reports a licensed agency despite "P.T.", a typo and capitals, with license, date, city and list date', async () => {
    const u = await atQuestion(appWithRegister(), 'en');
    const [answer, menu] = await u.say('P.T. BINA KRAYA MANDIRI');
    expect(answer).toContain('1. PT Contoh Bina Karya Mandiri');
    expect(answer).toContain('✅ LICENSED placement agency');
    expect(answer).toContain('License no.: UJI/SIP3MI/0002/2024');
    expect(answer).toContain('Valid until: 31 May 2029');
    expect(answer).toContain('City: Surabaya');
    expect(answer).toContain('Register updated on 27 Nov 2026.');
    expect(answer).not.toMatch(/FICTIONAL|illegal recruitment/);
    expect(menu).toContain('1. Details: PT Contoh Bina Karya Mandiri');
    expect(menu).not.toContain('Report this recruiter');
  });

  it('never calls a look-alike name licensed: "did you mean", a warning, and the entry only on request', async () => {
    const u = await atQuestion(appWithRegister(), 'en');
    const [answer, menu] = await u.say('Bina Karya Mandiri Jaya');
    expect(answer).toContain('❗ No agency in the register has exactly the name "Bina Karya Mandiri Jaya".');
    expect(answer).toContain('Did you mean one of these?');
    expect(answer).toContain('1. PT Contoh Bina Karya Mandiri (Surabaya)\n   ✅ licensed, but its name is DIFFERENT from what you typed');
    expect(answer).not.toContain('LICENSED');
    expect(answer).toContain('Signs of illegal recruitment');
    expect(menu).toContain('Report this recruiter');
    const [entry] = await u.say('1');
    expect(entry).toContain('✅ LICENSED');
    expect(entry).toContain('ONLY if the name and license number on the recruiter\'s documents are exactly the same');
  });

  it('warns about an expired license ("active" in the file but past its date) and offers a report', async () => {
    const u = await atQuestion(appWithRegister(), 'en');
    const [answer, menu] = await u.say('mitra sejahtera');
    expect(answer).toContain('⚠️ License EXPIRED (valid until 30 Jun 2025)');
    expect(answer).toContain('tourist, umrah/pilgrimage or internship visa');
    expect(menu).toMatch(/2\. Report this recruiter/);
    // One step to a report: the complaint flow opens with the category and the agency filled in.
    const [consent] = await u.say('2');
    expect(consent).toContain('Before you report');
    await u.say('2'); // anonymous
    const [country] = await u.say('1'); // for myself: the category question is skipped
    expect(country).toContain('Hong Kong');
    await u.say('1'); // Hong Kong
    const [description] = await u.say('-'); // no city; the agency question is skipped too
    expect(description).toMatch(/what happened/i);
    await u.say('They took a placement fee of 20 million and I never left');
    const [home] = await u.say('-'); // no evidence: the home district (optional)
    expect(home).toContain('Which district');
    const replies = await u.say('-'); // skipped: the summary
    expect(replies.join('\n')).toContain('Mitra Sejahtera');
    await u.say('1'); // send
    const stored = u.app.db.prepare('SELECT category, agency_text FROM cases').get() as { category: string; agency_text: string };
    expect(stored.category).toBe('recruitment_fraud');
    expect(stored.agency_text).toContain('Mitra Sejahtera');
  });

  it('finds an agency by license number without separators', async () => {
    const u = await atQuestion(appWithRegister(), 'en');
    const [answer] = await u.say('uji sip3mi 0003 2024');
    expect(answer).toContain('PT Contoh Cahaya Jaya Nusantara');
    expect(answer).toContain('❌ License REVOKED');
  });

  it('says every answer from the shipped sample is fictional', async () => {
    const app = createTestApp();
    apps.push(app);
    const u = await atQuestion(app, 'en');
    const [found] = await u.say('Contoh Rajawali Tama Global');
    expect(found).toContain('FICTIONAL SAMPLE DATA');
    const [details] = await u.say('1');
    expect(details).toContain('FICTIONAL SAMPLE DATA');
    await u.say('3'); // check another agency (1 details, 2 report, 3 again)
    const [notFound] = await u.say('Nama Yang Tidak Ada Sama Sekali');
    expect(notFound).toContain('No agency named');
    expect(notFound).toContain('FICTIONAL SAMPLE DATA');
  });
});

describe('agency check, Indonesian', () => {
  it('not found: warning signs and a one-step report offer', async () => {
    const u = await atQuestion(appWithRegister(), 'id');
    const [answer, menu] = await u.say('PT Untung Besar Selamanya');
    expect(answer).toContain('❗ Perusahaan bernama "PT Untung Besar Selamanya" tidak ditemukan');
    expect(answer).toContain('Tanda-tanda perekrutan ilegal');
    expect(answer).toContain('paspor atau dokumen Anda ditahan');
    expect(answer).toContain('Daftar diperbarui pada 27 Nov 2026.');
    expect(menu).toBe('Balas dengan angka:\n\n1. Laporkan perekrut ini\n2. Cek perusahaan lain\n3. Cara memeriksa tawaran kerja\n0. Kembali');
    const [consent] = await u.say('1');
    expect(consent).toContain('Sebelum melapor');
  });

  it('licensed, with the sample notice when the sample is active', async () => {
    const app = createTestApp();
    apps.push(app);
    const u = await atQuestion(app, 'id');
    const [answer] = await u.say('contoh dharma karya abadi');
    expect(answer).toContain('✅ Perusahaan penempatan BERIZIN');
    expect(answer).toContain('DATA CONTOH FIKTIF');
  });
});

describe('agency check, Javanese', () => {
  it('revoked agency in old spelling, then the job-offer checklist', async () => {
    const u = await atQuestion(appWithRegister(), 'jv');
    const [answer, menu] = await u.say('Tjahaja Djaja Noesantara');
    expect(answer).toContain('Asil kangge "Tjahaja Djaja Noesantara":');
    expect(answer).toContain('❌ Izinipun DIPUNCABUT');
    expect(answer).toContain('Tandha-tandha perekrutan ilegal');
    expect(answer).toContain('Daftar dipunanyari tanggal 27 Nov 2026.');
    expect(menu).toContain('Lapuraken perekrut menika');
    const [checklist] = await u.say('4');
    expect(checklist).toContain('Caranipun mriksa tawaran damel:');
    expect(checklist).toContain('visa kerja');
  });

  it('sample notice in Javanese', async () => {
    const app = createTestApp();
    apps.push(app);
    const u = await atQuestion(app, 'jv');
    const [answer] = await u.say('Dharma Karya Abadi');
    expect(answer).toContain('DATA TULADHA FIKTIF');
  });

  it('asks again for a too-short name', async () => {
    const u = await atQuestion(appWithRegister(), 'jv');
    const [err, prompt] = await u.say('ab');
    expect(err).toContain('paling sekedhik 3 aksara');
    expect(prompt).toContain('Serataken nama perusahaan');
  });
});

describe('a partial name shows the register status in the first answer', () => {
  // Cahaya Jaya Nusantara is revoked, Merpati Karya Utama expired, Kancil Perkasa II suspended.
  const cases = {
    en: {
      header: '❗ No agency in the register has exactly the name',
      revoked: '1. PT Contoh Cahaya Jaya Nusantara (Malang)\n   ❌ license REVOKED: it may no longer recruit',
      expired: '1. PT Contoh Merpati Karya Utama (Blitar)\n   ⚠️ license EXPIRED',
      suspended: 'PT Contoh Kancil Perkasa II (Kediri)\n   ⛔ license SUSPENDED',
      lookAlike: 'PT Contoh Kancil Perkasa (Kediri)\n   ✅ licensed, but its name is DIFFERENT from what you typed',
    },
    id: {
      header: '❗ Tidak ada perusahaan di daftar yang namanya persis',
      revoked: '1. PT Contoh Cahaya Jaya Nusantara (Malang)\n   ❌ izin DICABUT',
      expired: '1. PT Contoh Merpati Karya Utama (Blitar)\n   ⚠️ izin KEDALUWARSA',
      suspended: 'PT Contoh Kancil Perkasa II (Kediri)\n   ⛔ izin DISKORS',
      lookAlike: 'PT Contoh Kancil Perkasa (Kediri)\n   ✅ berizin, tetapi namanya BERBEDA dari yang Anda ketik',
    },
    jv: {
      header: '❗ Mboten wonten perusahaan ing daftar ingkang namanipun plek',
      revoked: '1. PT Contoh Cahaya Jaya Nusantara (Malang)\n   ❌ izinipun DIPUNCABUT',
      expired: '1. PT Contoh Merpati Karya Utama (Blitar)\n   ⚠️ izinipun SAMPUN TELAS',
      suspended: 'PT Contoh Kancil Perkasa II (Kediri)\n   ⛔ izinipun DIPUNSKORS',
      lookAlike: 'PT Contoh Kancil Perkasa (Kediri)\n   ✅ gadhah izin, nanging namanipun BENTEN',
    },
  } as const;
  for (const [lang, want] of Object.entries(cases) as [keyof typeof cases, (typeof cases)[keyof typeof cases]][]) {
    it(`${lang}: revoked, expired and suspended candidates say so before anyone taps`, async () => {
      const u = await atQuestion(appWithRegister(), lang);
      const [revoked] = await u.say('Cahaya Jaya');
      expect(revoked).toContain(want.header);
      expect(revoked).toContain(want.revoked);
      await u.say('3'); // check another agency (1 details, 2 report, 3 again)
      const [expired] = await u.say('Merpati Karya');
      expect(expired).toContain(want.expired);
      await u.say('5'); // 1-3 details, 4 report, 5 again
      const [suspended] = await u.say('Kancil Perkasa Dua');
      expect(suspended).toContain(want.suspended);
      // The licensed look-alike is named as licensed but never as the company that was typed.
      expect(suspended).toContain(want.lookAlike);
    });
  }
});

describe('lookup counting', () => {
  it('counts each lookup by normalized query and result, with no personal data', async () => {
    const app = appWithRegister();
    const u = await atQuestion(app, 'en');
    await u.say('P.T. Bina Karya Mandiri');
    await u.say('2'); // check another (1 is the details)
    await u.say('bina karya mandiri');
    await u.say('2');
    await u.say('Untung Besar');
    await u.say('2');
    await u.say('0812 3456 7890');
    const cols = (app.db.prepare('PRAGMA table_info(agency_lookups)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['day', 'query_norm', 'result', 'count']);
    expect(app.db.prepare('SELECT day, query_norm, result, count FROM agency_lookups ORDER BY query_norm').all()).toEqual([
      { day: '2026-11-27', query_norm: '[number]', result: 'not_found', count: 1 },
      { day: '2026-11-27', query_norm: 'bina karya mandiri', result: 'licensed', count: 2 },
      { day: '2026-11-27', query_norm: 'untung besar', result: 'not_found', count: 1 },
    ]);
  });

  it('officers see the register date and the most asked names with /agencies; others are refused', async () => {
    const app = appWithRegister({ OFFICER_TELEGRAM_IDS: '777' });
    const u = await atQuestion(app, 'en');
    await u.say('Cahaya Jaya Nusantara');
    const officer = new TestUser(app, '777', 'telegram');
    await officer.start('en');
    const [summary] = await officer.say('/agencies');
    expect(summary).toContain('Agency register: test register');
    expect(summary).toContain('Imported on 27 Nov 2026: 13 agencies, 0 rows rejected.');
    expect(summary).toContain('1× cahaya yaya nusantara (revoked)');
    const [refused] = await u.say('/agencies');
    expect(refused).toBe('Sorry, that command is for officers only.');
  });
});
