import { OFFICER_CHAT } from '../../testing/cases.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { afterEach, describe, expect, it } from 'vitest';
import { TestUser, createTestApp } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

/** Words that must not be on the first line a discreet contact's notification shows. */
const TELLING = /laporan|report|kekerasan|violence|kasus|case|aduan|pengaduan/i;

async function reportAs(u: TestUser, story: string): Promise<{ ref: string; pin: string; texts: string[] }> {
  await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', story, 'done', '-', '1']);
  const texts = await u.say('1');
  return { ...refAndPin(texts), texts };
}

describe('discreet mode', () => {
  it('is offered after the first report; once on, every message starts neutrally and case details need the PIN (Indonesian)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = new TestUser(app, 'wa-1', 'whatsapp-web');
    await u.start('id');
    const { ref, pin, texts } = await reportAs(u, 'Gaji saya belum dibayar tiga bulan.');
    expect(texts.join('\n')).toContain('Ketik *rahasia* untuk mode rahasia');

    const menu = await u.say('rahasia');
    expect(menu[0]).toContain('*Mode rahasia* untuk HP yang mungkin dibaca orang lain');
    expect(menu[0]).toContain('1. Nyalakan mode rahasia');
    const turnedOn = await u.say('1');
    const [on] = turnedOn;
    expect(on.split('\n')[0]).toBe('💬 Pesan baru');
    expect(on).toContain('Mode rahasia menyala.');
    // Back to the question the report ended with.
    expect(turnedOn.at(-1)).toContain(app.translator.t('id', 'complaint.writtenDown'));

    // Officer messages and status changes: the first line shows nothing.
    await officer.say(`/reply ${ref} Kami sudah menghubungi agensi Anda.`);
    await officer.say(`/status ${ref} in_progress`);
    const told = u.replies();
    expect(told.length).toBeGreaterThanOrEqual(2);
    for (const m of told) expect(m.split('\n')[0]).not.toMatch(TELLING);
    for (const m of await u.say('menu')) expect(m.split('\n')[0]).not.toMatch(TELLING);

    // Check my report shows nothing without the PIN; with it, the case.
    const status = await u.say('2');
    expect(status.join('\n')).toContain('isi laporan hanya ditampilkan setelah Anda mengetik nomor laporan dan PIN-nya');
    expect(status.join('\n')).not.toContain(ref);
    const shown = await typeAll(u, ['1', ref, pin]);
    expect(shown.join('\n')).toContain(`${ref} (Gaji tidak dibayar`);

    // On WhatsApp the bot explains how to clear the chat.
    const how = (await typeAll(u, ['rahasia', '3'])).join('\n');
    expect(how).toContain('Di WhatsApp kami tidak bisa menghapus pesan. Hapus sendiri');
  });

  it('English: turning it off removes the neutral line; no offer after a second report', async () => {
    app = createTestApp({ env: casesTestEnv });
    await startOfficer(app, 'en');
    const u = new TestUser(app, 'web-1', 'webchat');
    await u.start('en');
    const first = await reportAs(u, 'My employer keeps my passport.');
    expect(first.texts.join('\n')).toContain('Type *discreet* for discreet mode');
    await u.say('1'); // written down
    const on = (await typeAll(u, ['discreet', '1'])).find((m) => m.includes('Discreet mode is on.'));
    expect(on).toMatch(/^💬 New message\n\nDiscreet mode is on\./);
    const menu = await u.say('discreet');
    expect(menu[0]).toMatch(/^💬 New message\n\nDiscreet mode is \*on\*/);
    const [off] = await u.say('1');
    expect(off).toBe('Discreet mode is off.');
    const second = await reportAs(u, 'My wages are late again.');
    expect(second.texts.join('\n')).not.toContain('discreet mode');
    expect(await typeAll(u, ['discreet', '2'])).toContain('We cannot delete messages here. Close this chat window and clear your browser history.');
  });

  it('announcements to a discreet contact start with the neutral line too; others get them as they are', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    // A broadcast to everyone is an admin's: this officer chat is linked to an admin account.
    await addOfficer(app.db, { username: 'ana', password: 'correct horse battery staple', role: 'admin', chat: `telegram:${OFFICER_CHAT}` }, Date.now());
    const quiet = new TestUser(app, 'tg-quiet', 'telegram');
    await quiet.start('jv', true);
    await typeAll(quiet, ['wados', '1']);
    const plain = new TestUser(app, 'tg-plain', 'telegram');
    await plain.start('jv', true);
    await typeAll(officer, ['/broadcast', '1', 'Silaturahmi online Minggu jam 10.', '-', '-', '1', 'now', '1']);
    const [toQuiet] = quiet.replies().filter((m) => m.includes('Silaturahmi online'));
    const [toPlain] = plain.replies().filter((m) => m.includes('Silaturahmi online'));
    expect(toQuiet.split('\n')[0]).toBe(app.translator.t('jv', 'discreet.firstLine'));
    expect(toQuiet.split('\n')[0]).not.toMatch(TELLING);
    expect(toPlain.split('\n')[0]).not.toBe(app.translator.t('jv', 'discreet.firstLine'));
  });

  it('Javanese: from the safety menu', async () => {
    app = createTestApp();
    const u = new TestUser(app, 'jv-1', 'whatsapp-web');
    await u.start('jv');
    const safety = await u.say('6');
    expect(safety.join('\n')).toContain('Mode wados (menawi HP panjenengan dipunwaos tiyang sanes)');
    const n = /(\d+)\. Mode wados/.exec(safety.join('\n'))?.[1] as string;
    expect((await u.say(n))[0]).toContain('*Mode wados* kangge HP');
    expect((await u.say('1'))[0]).toBe('💬 Pesen enggal\n\nMode wados sampun murup. Simpen nomer laporan lan PIN panjenengan wonten ing panggenan ingkang aman (tuladhanipun dipunapalaken), lajeng busak pesen ingkang ngewrat lumantar menu menika. Ketik *wados* kapan kemawon kangge mbikak menu menika. Panjenengan ugi saged milih wekdal ingkang aman kangge pesen saking petugas wonten ing menu *Wara-wara lan data kula*.');
  });
});
