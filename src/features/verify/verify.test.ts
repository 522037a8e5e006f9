import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { createBroadcast } from '../../domain/broadcasts/store.js';
import { recentNotOfficial, maskSnippet } from '../../domain/broadcasts/verify.js';
import { CODE_ALPHABET, displayCode } from '../../domain/broadcasts/verifyCode.js';
import { TestUser, createTestApp } from '../../testing/harness.js';
import { typeAll } from '../../testing/cases.js';
import type { DashboardKit } from '../kit/dashboard/page.js';
import { html } from '../kit/html.js';
import { scamChecksView } from './dashboardPage.js';

const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
});

const TEXTS = { id: 'Silaturahmi online hari Minggu jam 19.00 WIB lewat Zoom.', en: 'Online family gathering on Sunday at 7 pm WIB on Zoom.', jv: 'Silaturahmi online dinten Minggu jam 19.00 WIB.' };

/** An officer's broadcast to every subscriber, as the API creates it. */
function announce(app: App) {
  return app.notifier.transaction(
    (out) =>
      createBroadcast(
        { db: app.db, translator: app.translator, defaultLang: 'id', dataDir: app.config.DATA_DIR },
        out,
        { audience: { kind: 'everyone' }, texts: TEXTS, urgent: false, scheduledAt: null, createdBy: 'test' },
        app.clock.now(),
      ).broadcast,
  );
}

function setup() {
  const app = createTestApp();
  apps.push(app);
  const broadcast = announce(app);
  return { app, code: displayCode(broadcast.verifyCode as string) };
}

/** The same code with one character changed. */
function altered(code: string): string {
  const i = code.length - 1;
  const next = CODE_ALPHABET[(CODE_ALPHABET.indexOf(code[i]) + 1) % CODE_ALPHABET.length];
  return code.slice(0, i) + next;
}

describe('verifiable announcements', () => {
  it('every broadcast message carries its check code in the recipient language', async () => {
    const { app, code } = setup();
    expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`));
    const payloads = app.db.prepare('SELECT payload FROM outbox').pluck().all() as string[];
    expect(payloads).toEqual([]); // nobody subscribed: the code is still stored
    const user = new TestUser(app, 'w1');
    await user.start('id', true);
    const user2 = new TestUser(app, 'w2');
    await user2.start('en', true);
    const user3 = new TestUser(app, 'w3');
    await user3.start('jv', true);
    const broadcast = announce(app);
    const c = displayCode(broadcast.verifyCode as string);
    expect(c).not.toBe(code);
    expect(user.replies().join('\n')).toContain(`Kode cek: ${c} — kirim *cek ${c}* untuk memastikan pesan ini resmi.`);
    expect(user2.replies().join('\n')).toContain(`Check code: ${c} — send *check ${c}* to make sure this message is official.`);
    expect(user3.replies().join('\n')).toContain(`Kode priksa: ${c} — kintun *priksa ${c}* kangge mesthekaken pesen menika resmi.`);
  });

  it('"cek KODE" answers official with date and original text, before a language is chosen too (Indonesian)', async () => {
    const { app, code } = setup();
    const stranger = new TestUser(app, 'stranger');
    const [answer, ...rest] = await stranger.say(`cek ${code}`);
    expect(answer).toContain('✅ *RESMI.* Pengumuman ini dikirim oleh layanan PMI Banyuwangi pada');
    expect(answer).toContain(TEXTS.id);
    // Then the language choice, as for any new contact.
    expect(rest.join('\n')).toMatch(/Bahasa Indonesia/);
    expect((await stranger.say(`CEK ${code.toLowerCase().replace('-', '')}`))[0]).toContain('RESMI');
  });

  it('"check CODE" in English from inside another flow; a changed code is not official, with advice', async () => {
    const { app, code } = setup();
    const u = new TestUser(app);
    await u.start('en');
    await u.say('1'); // into a menu
    const [ok] = await u.say(`check ${code}`);
    expect(ok).toContain('✅ *OFFICIAL.* This announcement was sent by the Banyuwangi migrant workers\' helpline on');
    expect(ok).toContain(TEXTS.en);
    const bad = altered(code);
    const [no] = await u.say(`check ${bad}`);
    expect(no).toContain(`❌ *NOT OFFICIAL.* ${bad} is not a code of any announcement`);
    expect(no).toContain('do not pay or transfer money');
    expect(no).toContain('0800-1000');
    expect(recentNotOfficial(app.db, 5)).toEqual([expect.objectContaining({ kind: 'code', snippet: bad.replace('-', '') })]);
    // A forged code with look-alikes the bot never uses (0, O, 1, I) is answered, not ignored.
    const [forged] = await u.say(`check ${code.slice(0, 1)}0O1-${code.slice(5, 8)}I`);
    expect(forged).toContain('❌ *NOT OFFICIAL.*');
  });

  it('"priksa KODE" in Javanese; a pasted fake answers not official and is kept masked for officers', async () => {
    const { app, code } = setup();
    const u = new TestUser(app);
    await u.start('jv');
    expect((await u.say(`priksa ${code}`))[0]).toContain('✅ *RESMI.* Wara-wara menika dipunkintun dening layanan PMI Banyuwangi');
    const fake = 'INFO BP2MI: Bapak Slamet dari kantor pusat. Transfer Rp 2.500.000 ke rekening 1234567890 untuk biaya visa hari ini.';
    const [no] = await u.say(`priksa ${fake}`);
    expect(no).toContain('❌ *MBOTEN RESMI.* Pesen menika mboten dipunkintun dening layanan PMI Banyuwangi.');
    expect(no).toContain('ampun mbayar utawi transfer arta');
    const [kept] = recentNotOfficial(app.db, 1);
    expect(kept.kind).toBe('message');
    expect(kept.snippet).not.toMatch(/\d/);
    expect(kept.snippet).not.toContain('Slamet');
    expect(kept.snippet).toContain('S…');
  });

  it('a forwarded announcement is recognised without the word; a copied code on a changed text is flagged', async () => {
    const { app, code } = setup();
    const u = new TestUser(app);
    await u.start('id');
    const forwarded = `📢 Pengumuman dari layanan PMI Banyuwangi\n\n${TEXTS.id}\n\nKode cek: ${code} — kirim *cek ${code}* untuk memastikan pesan ini resmi.`;
    expect((await u.say(forwarded))[0]).toContain('✅ *RESMI.*');
    const tampered = `📢 Pengumuman dari layanan PMI Banyuwangi\n\nDaftar kerja ke Taiwan, bayar Rp 5.000.000 ke rekening kami.\n\nKode cek: ${code}`;
    const [warn] = await u.say(tampered);
    expect(warn).toContain(`⚠️ Kode ${code} memang milik pengumuman resmi kami`);
    expect(warn).toContain(TEXTS.id);
    expect(warn).toContain('jangan membayar');
    // A pasted copy of the real text without the code is recognised by its content.
    expect((await u.say(`cek ${TEXTS.id}`))[0]).toContain('✅ *RESMI.*');
  });

  it('a check in the middle of a report answers, then the report continues where it was', async () => {
    const { app, code } = setup();
    const u = new TestUser(app);
    await u.start('en');
    const asked = await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-']);
    expect(asked.at(-1)).toContain('Please tell us what happened');
    const answer = await u.say(`check ${code}`);
    expect(answer[0]).toContain('✅ *OFFICIAL.*');
    expect(answer.join('\n')).toContain(app.translator.t('en', 'common.resumed'));
    expect(answer.at(-1)).toContain('Please tell us what happened');
    // "Check ..." as the story itself stays the story.
    await u.say('Check what my agency did: they kept my passport and my wages for months.');
    expect(u.session().flow).toBe('complaint');
  });

  it('"cek" with a phone number answers whether it is a published number', async () => {
    const { app } = setup();
    const u = new TestUser(app);
    await u.start('id');
    expect((await u.say('cek 0811-8080-141'))[0]).toContain('✅ Nomor 0811-8080-141 adalah nomor resmi yang kami cantumkan: *Crisis Center KP2MI (dulu BP2MI)*.');
    expect((await u.say('cek +62 811 8080 141'))[0]).toContain('Crisis Center');
    // Eight digits are a number (Hong Kong), not a code.
    expect((await u.say('cek 6773 0466'))[0]).toContain('*KJRI Hong Kong*');
    const [no] = await u.say('cek +62 812 3456 7890');
    expect(no).toContain('❌ Nomor +62 812 3456 7890 *tidak ada* dalam daftar nomor resmi');
    expect(recentNotOfficial(app.db, 1)[0]).toEqual(expect.objectContaining({ kind: 'phone' }));
    expect(recentNotOfficial(app.db, 1)[0].snippet).not.toMatch(/\d/);
  });

  it('"cek" alone asks for the code; "check my report" is left to the menus', async () => {
    const { app, code } = setup();
    const u = new TestUser(app);
    await u.start('en');
    expect((await u.say('check'))[0]).toContain('Send the check code from the message you received');
    expect((await u.say(code))[0]).toContain('OFFICIAL');
    await u.say('check my report');
    expect(u.session().flow).not.toBe('verify');
  });

  it('masks numbers, names and links in snippets', () => {
    expect(maskSnippet('Hubungi Ibu Sari di 0812-3456 atau https://bit.ly/abc123 sekarang. Gratis')).toBe('Hubungi I… S… di ••••-•••• atau bit.ly/… sekarang. Gratis');
  });
});

describe('scam checks page', () => {
  it('charts the not-official checks and lists masked snippets, never the official ones', async () => {
    const { app, code } = setup();
    const u = new TestUser(app);
    await u.start('en');
    await u.say(`check ${code}`);
    await u.say('check Mr Budi from the embassy says pay 4500000 to account 998877 today for your visa please.');
    await u.say('check +62 812 3456 7890');
    const kit: DashboardKit = {
      services: app.services,
      lang: 'en',
      t: (key, vars) => app.translator.t('en', key, vars),
      render: () => undefined,
      officer: () => ({ id: 1, username: 'ana', role: 'officer', contactId: null }),
      csrfField: () => html``,
      csrfToken: () => 'x',
      audit: () => undefined,
      formatTime: (ms) => new Date(ms).toISOString(),
    };
    const out = scamChecksView(kit).toString();
    expect(out).toContain('Not-official messages and codes checked, last 30 days (2 in all)');
    expect(out).toContain('Mr B… from the embassy says pay ••••••• to account •••••• today');
    expect(out).toContain('+•• ••• •••• ••••');
    expect(out).not.toContain(code.replace('-', ''));
    expect(out).not.toContain('Budi');
  });
});
