import { afterEach, describe, expect, it } from 'vitest';
import { TestUser, createTestApp } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

async function reporter(lang: 'id' | 'en' | 'jv', story: string): Promise<{ u: TestUser; ref: string }> {
  const u = new TestUser(app, 'wa-worker', 'whatsapp-web');
  await u.start(lang);
  await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', story, 'done', '-', '1']);
  const { ref } = refAndPin(await u.say('1'));
  u.replies();
  return { u, ref };
}

/** From the main menu: Check my report -> family followers -> the first case -> option. */
async function followMenu(u: TestUser, option: string): Promise<string[]> {
  return typeAll(u, ['menu', '2', '3', '1', option]);
}

function codeIn(texts: string[]): string {
  const m = /\*([2-9A-Z]{4}-[2-9A-Z]{4})\*/.exec(texts.join('\n'));
  if (!m) throw new Error(`no follow code in:\n${texts.join('\n')}`);
  return m[1];
}

describe('family followers', () => {
  it('a worker on WhatsApp gives a code; the mother on Telegram follows and gets status changes, not notes (Indonesian)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const { u, ref } = await reporter('id', 'Gaji saya belum dibayar tiga bulan.');
    const texts = await followMenu(u, '1');
    const code = codeIn(texts);
    expect(texts.join('\n')).toContain(`Kode ikuti untuk laporan ${ref}: *${code}*. Keluarga yang memakai kode ini hanya menerima kabar status`);
    expect(texts.join('\n')).toContain(`Mereka mengirim *ikuti ${code}* ke layanan ini.`);

    const mother = new TestUser(app, 'tg-mother', 'telegram');
    await mother.start('id');
    const [ok] = await mother.say(`ikuti ${code}`);
    expect(ok).toBe(`Anda sekarang mengikuti laporan ${ref}. Anda akan menerima kabar setiap kali statusnya berubah. Status sekarang: sudah diterima, menunggu petugas.`);
    expect(u.replies()).toEqual([`Seseorang lewat Telegram mulai mengikuti laporan ${ref} dengan kode dari Anda. Jika itu bukan keluarga Anda, hapus lewat menu *Cek laporan saya*.`]);

    await officer.say(`/status ${ref} in_progress Agensi sudah kami hubungi, nama majikan Bpk. Tan.`);
    const told = mother.replies();
    expect(told).toEqual([`Kabar laporan keluarga yang Anda ikuti (${ref}): sedang ditangani petugas.`]);
    expect(u.replies().join('\n')).toContain('Bpk. Tan');

    // The code works once.
    const cousin = new TestUser(app, 'web-cousin', 'webchat');
    await cousin.start('id');
    expect((await cousin.say(`ikuti ${code}`))[0]).toContain('Kode itu tidak berlaku');
  });

  it('with details allowed the follower (web chat, English) gets the officer note; the reporter lists and removes followers', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const { u, ref } = await reporter('en', 'My employer keeps my passport.');
    const code = codeIn(await followMenu(u, '2'));
    const sister = new TestUser(app, 'web-sister', 'webchat');
    // Before choosing a language, and with the word in any case.
    const first = await sister.say(`FOLLOW ${code.toLowerCase()}`);
    expect(first[0]).toContain(`mengikuti laporan ${ref}`);
    expect(first.join('\n')).toMatch(/Bahasa Indonesia/);
    await sister.say('2'); // English
    sister.replies();
    u.replies();

    await officer.say(`/status ${ref} waiting Waiting for the agency's answer.`);
    expect(sister.replies()).toEqual([`Update on the family report you follow (${ref}): waiting for information or for another party.\nNote from the officer:\nWaiting for the agency's answer.`]);

    const list = await followMenu(u, '3');
    expect(list.join('\n')).toContain(`1 people follow report ${ref}.`);
    expect(list.join('\n')).toMatch(/1\. On web chat, since \d\d-\d\d-\d{4} \(status updates and officer notes\)/);
    expect((await u.say('1'))[0]).toBe(`Removed. That person will not get updates on report ${ref} any more.`);
    await officer.say(`/status ${ref} resolved`);
    expect(sister.replies()).toEqual([]);
  });

  it('Javanese: "tut KODE", a wrong code, and one\'s own code', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const { u, ref } = await reporter('jv', 'Gaji kula dereng dipunbayar.');
    const code = codeIn(await followMenu(u, '1'));
    expect((await u.say(`tut ${code}`))[0]).toContain('Menika laporan panjenengan piyambak');
    const father = new TestUser(app, 'tg-father', 'telegram');
    await father.start('jv');
    expect((await father.say('tut ZZZZ-ZZZZ'))[0]).toContain('Kode menika mboten saged dipunagem');
    // Through the menu: Check my report -> I have a code.
    expect((await typeAll(father, ['2', '2']))).toContain('Ketik kode tut ingkang panjenengan tampi saking kulawarga (tuladha: K7QX-2M9P).');
    expect((await father.say(code))[0]).toContain(`Sapunika panjenengan ndherek laporan ${ref}.`);
    await officer.say(`/status ${ref} referred`);
    expect(father.replies()).toEqual([`Kabar laporan kulawarga ingkang panjenengan tut (${ref}): dipunlajengaken dhateng instansi ingkang wenang.`]);
  });

  it('when the reporter deletes their data, followers stop getting notices', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const { u, ref } = await reporter('id', 'Gaji saya belum dibayar tiga bulan.');
    const code = codeIn(await followMenu(u, '1'));
    const mother = new TestUser(app, 'tg-mother2', 'telegram');
    await mother.start('id');
    await mother.say(`ikuti ${code}`);
    await typeAll(u, ['hapus data', '1']);
    await officer.say(`/status ${ref} resolved`);
    expect(mother.replies()).toEqual([]);
    expect(app.db.prepare('SELECT COUNT(*) FROM case_followers').pluck().get()).toBe(0);
  });
});
