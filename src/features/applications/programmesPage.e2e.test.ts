/**
 * The Programme applications page and an application's status over HTTP against a real app: an admin (only)
 * confirms a programme's eligibility, which removes the note for applicants; officers filter the
 * inbox by programme, open an application and set its status, and the applicant is told in their
 * language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { systemClock } from '../../core/clock.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { caseByRef } from '../../domain/cases/cases.js';
import { TestUser, createTestApp } from '../../testing/harness.js';
import { casesTestEnv, typeAll } from '../../testing/cases.js';
import { signInCookie } from '../../testing/dashboardClient.js';

const PASSWORD = 'correct horse battery staple';
let app: App;
afterEach(async () => {
  await app?.stop();
});

/** Signs in to the dashboard as a script would: returns the session cookie. */
const signIn = (base: string, username: string) => signInCookie(base, username, PASSWORD);

const get = async (base: string, cookie: string, path: string) => (await fetch(`${base}${path}`, { headers: { cookie } })).text();

/** Posts a form with the CSRF token of the signed-in session. */
async function post(base: string, cookie: string, path: string, fields: Record<string, string> = {}): Promise<Response> {
  const token = (await get(base, cookie, '/dashboard/programmes')).match(/name="_csrf" value="([^"]+)"/)![1];
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, ...fields }),
  });
}

/** Applies in the chat (programme 1 education with school level, 2 economic); returns the reference. */
async function apply(u: TestUser, programme: '1' | '2', answers: string[]): Promise<string> {
  await typeAll(u, ['5', '1', programme, '1', '1', ...answers, '1']);
  const saved = (await u.say('1')).join('\n');
  return /\*([A-Z]+-\d{4}-\d{4,})\*/.exec(saved)![1];
}

/** One programme's card on the Programme applications page. */
const card = (page: string, id: string) => page.slice(page.indexOf(`data-programme="${id}"`), page.indexOf('</section>', page.indexOf(`data-programme="${id}"`)));

describe('the Programme applications page and application statuses (HTTP)', () => {
  it('an admin confirms eligibility (the note goes); officers filter applications by programme and set a status the applicant hears', async () => {
    app = createTestApp({ http: true, clock: systemClock, env: { ...casesTestEnv, DEFAULT_LANGUAGE: 'en' } });
    await app.start();
    const base = `http://127.0.0.1:${app.port}`;
    await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, Date.now());
    await addOfficer(app.db, { username: 'budi', password: PASSWORD, role: 'officer' }, Date.now());

    const family = new TestUser(app);
    await family.start('jv');
    const eduRef = await apply(family, '1', ['2', 'Wragad seragam', 'Desa Kemiren, Glagah']);
    const worker = new TestUser(app);
    await worker.start('en');
    const ecoRef = await apply(worker, '2', ['2', 'Tools for a food stall', 'Desa Sumberagung, Pesanggaran']);
    family.replies();

    const budi = await signIn(base, 'budi');
    const before = card(await get(base, budi, '/dashboard/programmes'), 'education');
    expect(before).toContain("Education support for workers&#39;");
    expect(before).toContain('to be confirmed by the operator');
    expect(before).toContain('placeholder: the operator fills this in');
    expect(before).toContain('Children of migrant workers from Banyuwangi.');
    expect(before).toMatch(/data-status="received">1</);
    // Only an admin confirms.
    expect((await post(base, budi, '/dashboard/programmes/education/confirm')).status).toBe(403);

    const ana = await signIn(base, 'ana');
    expect((await post(base, ana, '/dashboard/programmes/education/confirm')).status).toBe(303);
    expect(card(await get(base, ana, '/dashboard/programmes'), 'education')).toMatch(/confirmed by ana/);
    expect(card(await get(base, ana, '/dashboard/programmes'), 'economic')).toContain('to be confirmed by the operator');
    const shown = (await typeAll(new TestUser(app), ['halo', '2', '2', '5', '1', '1', '1'])).join('\n');
    expect(shown).toContain('Who can apply:');
    expect(shown).not.toContain('to be confirmed');
    const audit = app.db.prepare("SELECT action, subject FROM audit WHERE action LIKE 'eligibility_%' ORDER BY id").all();
    expect(audit).toEqual([
      { action: 'eligibility_confirm_refused', subject: 'education' },
      { action: 'eligibility_confirmed', subject: 'education' },
    ]);

    // The inbox filtered by programme lists only that programme's applications, with their own status words.
    const inbox = await get(base, budi, '/dashboard/cases?kind=assistance&category=education&status=all');
    expect(inbox).toContain(eduRef);
    expect(inbox).not.toContain(ecoRef);
    expect(inbox).toContain('>received<');

    // The case page offers the application's statuses and shows the school level.
    const casePage = await get(base, budi, `/dashboard/cases/${eduRef}`);
    expect(casePage).toContain(`action="/dashboard/programmes/applications/${eduRef}/status"`);
    expect(casePage).toContain('<option value="documents_needed">documents needed</option>');
    expect(casePage).toContain('• School level: Junior high school, grades 7–9 (SMP/MTs)');

    const res = await post(base, budi, `/dashboard/programmes/applications/${eduRef}/status`, { status: 'approved', note: 'Datang ke kantor desa hari Senin.' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/dashboard/cases/${eduRef}?done=applicationStatus`);
    expect(family.replies()).toEqual([
      `Kabar panyuwunan panjenengan ${eduRef} (Pambiyantu pendhidhikan kangge putra-putrinipun pekerja migran): dipunsarujuki.\nPetugas badhe paring pirsa langkah salajengipun.\n${app.translator.t('jv', 'case.officerNote')}\nDatang ke kantor desa hari Senin.`,
    ]);
    expect(caseByRef(app.db, eduRef)!.status).toBe('resolved');
    const after = await get(base, budi, `/dashboard/cases/${eduRef}?done=applicationStatus`);
    expect(after).toContain('Application status changed; the applicant was told.');
    expect(after).toContain('Application status: approved');
    expect(card(await get(base, budi, '/dashboard/programmes'), 'education')).toMatch(/data-status="approved">1</);

    // A status that is not an application's is refused; a complaint has no application status.
    expect((await post(base, budi, `/dashboard/programmes/applications/${ecoRef}/status`, { status: 'resolved' })).headers.get('location')).toBe(`/dashboard/cases/${ecoRef}?done=invalid`);
    expect((await post(base, budi, '/dashboard/programmes/applications/BWI-2611-0999/status', { status: 'approved' })).status).toBe(404);
  }, 60_000);

  it('an admin rewrites the texts in three languages: applicants see them, with the note until confirmed again; a reset brings back the shipped ones', async () => {
    app = createTestApp({ http: true, clock: systemClock, env: { ...casesTestEnv, DEFAULT_LANGUAGE: 'en' } });
    await app.start();
    const base = `http://127.0.0.1:${app.port}`;
    await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, Date.now());
    await addOfficer(app.db, { username: 'budi', password: PASSWORD, role: 'officer' }, Date.now());
    const ana = await signIn(base, 'ana');
    expect((await post(base, ana, '/dashboard/programmes/education/confirm')).status).toBe(303);
    const texts = {
      who_id: 'Anak pekerja migran asal Banyuwangi, umur 6–18 tahun.',
      who_en: 'Children of Banyuwangi migrant workers, aged 6–18.',
      who_jv: 'Putra-putrinipun pekerja migran saking Banyuwangi, umur 6–18 taun.',
      documents_id: 'Kartu Keluarga\nSurat keterangan dari sekolah',
      documents_en: 'Family card (Kartu Keluarga)\nA letter from the school',
      documents_jv: 'Kartu Keluarga\nSerat katrangan saking sekolah',
    };
    // Only an admin writes; every part needs the same number of lines in each language.
    const budi = await signIn(base, 'budi');
    expect((await post(base, budi, '/dashboard/programmes/education/texts', texts)).status).toBe(403);
    const uneven = await post(base, ana, '/dashboard/programmes/education/texts', { ...texts, documents_jv: 'Kartu Keluarga' });
    expect(uneven.status).toBe(400);
    expect(await uneven.text()).toContain('Each part needs the same number of lines in Indonesian, English and Javanese.');
    expect((await post(base, ana, '/dashboard/programmes/education/texts', texts)).status).toBe(303);

    const page = card(await get(base, ana, '/dashboard/programmes'), 'education');
    expect(page).toContain('A letter from the school');
    expect(page).toMatch(/written by the operator: ana/);
    // The confirmation was for the old texts: the note is back until an admin confirms these.
    expect(page).toContain('texts changed since ana confirmed them');
    const u = new TestUser(app);
    await u.start('jv');
    const shown = (await typeAll(u, ['5', '1', '1', '1'])).join('\n');
    expect(shown).toContain('• Putra-putrinipun pekerja migran saking Banyuwangi, umur 6–18 taun.');
    expect(shown).toContain('Dokumen ingkang kedah dipunsiapaken:\n• Kartu Keluarga\n• Serat katrangan saking sekolah');
    expect(shown).toContain('taksih kedah dipunpesthekaken dening pengelola layanan');
    expect((await post(base, ana, '/dashboard/programmes/education/confirm')).status).toBe(303);
    await u.say('menu');
    expect((await typeAll(u, ['5', '1', '1', '1'])).join('\n')).not.toContain('taksih kedah dipunpesthekaken');

    expect((await post(base, ana, '/dashboard/programmes/education/reset')).status).toBe(303);
    await u.say('menu');
    const back = (await typeAll(u, ['5', '1', '1', '1'])).join('\n');
    expect(back).toContain('Putra-putrinipun pekerja migran saking Banyuwangi.');
    expect(back).toContain('taksih kedah dipunpesthekaken');
    const audit = app.db.prepare("SELECT action FROM audit WHERE action LIKE 'eligibility_%' ORDER BY id").pluck().all();
    expect(audit).toEqual(['eligibility_confirmed', 'eligibility_confirm_refused', 'eligibility_edited', 'eligibility_confirmed', 'eligibility_reset']);
  }, 60_000);
});
