/**
 * Emergency contacts per country, and the "not yet verified" note: it disappears for one entry only
 * after an admin marks that entry verified in the dashboard (stored with who and when, audited).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { systemClock } from '../../core/clock.js';
import { createTestApp, TestUser } from '../../testing/harness.js';
import type { Lang } from '../../core/types.js';
import { signInCookie } from '../../testing/dashboardClient.js';

const PASSWORD = 'correct horse battery staple';
const NOTE = { id: 'belum diverifikasi', en: 'not yet verified', jv: 'dereng dipunverifikasi' } as const;
const SOS = { id: 'darurat', en: 'emergency', jv: 'sos' } as const;

let app: App;
afterEach(async () => {
  await app?.stop();
});

/** Signs in to the dashboard as a script would: returns the session cookie. */
const signIn = (base: string, username: string) => signInCookie(base, username, PASSWORD);

/** Presses a hotline page button (verify/unverify) with the page's CSRF token. */
async function press(base: string, cookie: string, id: string, op: 'verify' | 'unverify'): Promise<Response> {
  const page = await (await fetch(`${base}/dashboard/hotlines`, { headers: { cookie } })).text();
  const token = page.match(/name="_csrf" value="([^"]+)"/)![1];
  return fetch(`${base}/dashboard/hotlines/${id}/${op}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token }),
  });
}

async function sosIn(lang: Lang, country: string): Promise<string> {
  const u = new TestUser(app);
  await u.start(lang);
  app.db.prepare('UPDATE contacts SET country = ? WHERE chat_id = ?').run(country, u.chatId);
  return (await u.say(SOS[lang])).join('\n');
}

/** The lines of one entry: from its name to the next bullet. */
function entry(text: string, name: string): string {
  const start = text.indexOf(`• ${name}`);
  expect(start, `${name} in:\n${text}`).toBeGreaterThanOrEqual(0);
  const next = text.indexOf('•', start + 2);
  return text.slice(start, next < 0 ? undefined : next);
}

describe('emergency contacts per country', () => {
  for (const lang of ['id', 'en', 'jv'] as const) {
    it(`[${lang}] a worker in Hong Kong gets police/ambulance 999, both KJRI hotlines and the Crisis Center WhatsApp in international form`, async () => {
      app = createTestApp();
      const all = await sosIn(lang, 'HK');
      expect(all).toContain('+62 811-8080-141');
      expect(all).not.toContain('0811-');
      expect(all).toContain('+852 6773 0466');
      expect(all).toContain('+852 6894 2799');
      expect(all).toMatch({ id: /Polisi: 999/, en: /Police: 999/, jv: /Polisi: 999/ }[lang]);
      expect(all).toMatch({ id: /Ambulans: 999/, en: /Ambulance: 999/, jv: /Ambulans: 999/ }[lang]);
      expect(all).toContain({ id: 'Crisis Center KP2MI (dulu BP2MI)', en: 'Crisis Center KP2MI (formerly BP2MI)', jv: 'Crisis Center KP2MI (rumiyin BP2MI)' }[lang]);
      expect(entry(all, 'KJRI Hong Kong')).toContain(NOTE[lang]);
    });

    it(`[${lang}] a worker in Taiwan is told of KDEI Taipei and police 110 / ambulance 119`, async () => {
      app = createTestApp();
      const all = await sosIn(lang, 'TW');
      expect(all).toContain('KDEI Taipei');
      expect(all).toMatch(/110/);
      expect(all).toMatch(/119/);
      expect(all).toContain('1955');
      expect(all).not.toContain('+852');
    });
  }

  it('an admin marks KJRI Hong Kong verified: its note disappears, the others keep theirs; an officer may not; withdrawing brings it back', async () => {
    app = createTestApp({ http: true, clock: systemClock, env: { DEFAULT_LANGUAGE: 'en' } });
    await app.start();
    const base = `http://127.0.0.1:${app.port}`;
    await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, Date.now());
    await addOfficer(app.db, { username: 'budi', password: PASSWORD, role: 'officer' }, Date.now());

    const budi = await signIn(base, 'budi');
    expect((await press(base, budi, 'kjri-hong-kong', 'verify')).status).toBe(403);
    expect(entry(await sosIn('en', 'HK'), 'KJRI Hong Kong')).toContain(NOTE.en);

    const ana = await signIn(base, 'ana');
    const res = await press(base, ana, 'kjri-hong-kong', 'verify');
    expect(res.status).toBe(303);
    const page = await (await fetch(`${base}/dashboard/hotlines`, { headers: { cookie: ana } })).text();
    expect(page).toMatch(/verified by ana/);

    const after = await sosIn('en', 'HK');
    expect(entry(after, 'KJRI Hong Kong')).not.toContain(NOTE.en);
    expect(entry(after, 'Crisis Center KP2MI')).toContain(NOTE.en);
    const row = app.db.prepare('SELECT verified_by_name, verified_at FROM hotline_verifications WHERE hotline_id = ?').get('kjri-hong-kong') as { verified_by_name: string; verified_at: number };
    expect(row.verified_by_name).toBe('ana');
    const audit = app.db.prepare("SELECT actor, action, subject FROM audit WHERE action LIKE 'hotline_%' ORDER BY id").all() as { action: string; subject: string }[];
    expect(audit.map((a) => [a.action, a.subject])).toEqual([
      ['hotline_verify_refused', 'kjri-hong-kong'],
      ['hotline_verified', 'kjri-hong-kong'],
    ]);

    expect((await press(base, ana, 'kjri-hong-kong', 'unverify')).status).toBe(303);
    expect(entry(await sosIn('en', 'HK'), 'KJRI Hong Kong')).toContain(NOTE.en);

    // The dashboard also shows institutions with their former names, and a case's home district and village.
    const page2 = await (await fetch(`${base}/dashboard/hotlines`, { headers: { cookie: ana } })).text();
    expect(page2).toContain('Crisis Center KP2MI (formerly BP2MI)');
    expect(page2).toContain('UPT BP2MI Banyuwangi');
    const tipster = new TestUser(app);
    await tipster.start('en');
    await tipster.say('6');
    for (const a of ['7', '1', 'Mr Slamet from the next village', '6', 'Kembiritan', '-', 'Factory work in Malaysia with a big salary', '-']) await tipster.say(a);
    const ref = /\*([A-Z]+-\d{4}-\d{4,})\*/.exec((await tipster.say('1')).join('\n'))![1];
    const casePage = await (await fetch(`${base}/dashboard/cases/${ref}`, { headers: { cookie: ana } })).text();
    expect(casePage).toContain('Genteng, Kembiritan');
    expect(casePage).toContain('Tip about an illegal recruiter or broker');
    const overview = await (await fetch(`${base}/dashboard`, { headers: { cookie: ana } })).text();
    expect(overview).toContain('Cases by home district');
    expect(overview).toContain('Genteng');
  }, 30_000);
});
