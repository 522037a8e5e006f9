import { afterEach, describe, expect, it } from 'vitest';
import { importAgencies } from '../agencies/importer.js';
import { caseByRef } from './cases.js';
import { createTestApp, type TestUser } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

/** Files a wages complaint naming `agency` as the employer/agency; returns the reference. */
async function reportAgainst(u: TestUser, agency: string): Promise<string> {
  await typeAll(u, ['1', '1', '1', '1', '1', '-', 'Siti', agency, 'Gaji saya belum dibayar tiga bulan.', 'selesai', '-', '1']);
  return refAndPin(await u.say('1')).ref;
}

describe('complaints linked to the agency register', () => {
  it('a strong match (exact name, a small typo, or the license number) is linked and shown to officers with the status', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    for (const typed of ['PT Contoh Rajawali Tama Global', 'contoh rajawali tama globl', 'CONTOH/SIP3MI/00001/2023']) {
      const ref = await reportAgainst(u, typed);
      expect(caseByRef(app.db, ref)).toMatchObject({ agencyText: typed, agencyLicense: 'CONTOH/SIP3MI/00001/2023' });
      const view = (await officer.say(`/case ${ref}`)).join('\n');
      expect(view).toContain(`• Employer/agency: ${typed}`);
      expect(view).toContain('• In the agency register: PT Contoh Rajawali Tama Global, license CONTOH/SIP3MI/00001/2023: suspended');
      await u.say('menu');
    }
    // Delete my data: the link goes with the typed agency text.
    await u.say('hapus data');
    await u.say('1');
    expect(app.db.prepare('SELECT COUNT(*) FROM cases WHERE agency_id IS NOT NULL OR agency_license IS NOT NULL').pluck().get()).toBe(0);
  });

  it('weak matches, several candidates and unknown names are not linked', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'id');
    const u = await startUser(app, 'id');
    for (const typed of ['Rajawali', 'Contoh Karya', 'PT Maju Jaya']) {
      const ref = await reportAgainst(u, typed);
      expect(caseByRef(app.db, ref)).toMatchObject({ agencyText: typed, agencyId: null, agencyLicense: null });
      expect((await officer.say(`/case ${ref}`)).join('\n')).not.toContain('daftar agensi');
      await u.say('menu');
    }
  });

  it('the link survives a re-import (found again by license, with the new status) and says so when the license is gone', async () => {
    app = createTestApp({ env: { ...casesTestEnv, ADMIN_API_TOKEN: 'tok-123-Hq8Zp3Lx7Mv2Kb9Rw4Nt6Yc1J' }, http: true });
    await app.start();
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const ref = await reportAgainst(u, 'PT Contoh Rajawali Tama Global');
    const header = 'nama,nomor_izin,status,berlaku_sampai,alamat,kota,provinsi,telepon';
    const other = 'PT Contoh Lain Sekali,CONTOH/SIP3MI/09999/2024,aktif,2030-01-01,Jl. Contoh,Malang,Jawa Timur,';
    importAgencies(app.db, `${header}\n${other}\nPT Contoh Rajawali Tama Global,CONTOH/SIP3MI/00001/2023,dicabut,2027-11-04,Jl. Contoh,Ponorogo,Jawa Timur,\n`, { source: 'test', now: app.clock.now() });
    expect((await officer.say(`/case ${ref}`)).join('\n')).toContain('• In the agency register: PT Contoh Rajawali Tama Global, license CONTOH/SIP3MI/00001/2023: revoked');
    const api = async () =>
      ((await (await fetch(`http://127.0.0.1:${app.port}/api/cases/${ref}`, { headers: { authorization: 'Bearer tok-123-Hq8Zp3Lx7Mv2Kb9Rw4Nt6Yc1J' } })).json()) as { case: Record<string, unknown> }).case;
    expect((await api()).agency).toEqual({ name: 'PT Contoh Rajawali Tama Global', license: 'CONTOH/SIP3MI/00001/2023', status: 'revoked' });

    importAgencies(app.db, `${header}\n${other}\n`, { source: 'test 2', now: app.clock.now() });
    expect((await officer.say(`/case ${ref}`)).join('\n')).toContain('license CONTOH/SIP3MI/00001/2023; no longer listed');
    expect((await api()).agency).toEqual({ name: null, license: 'CONTOH/SIP3MI/00001/2023', status: 'not_listed' });
  });
});
