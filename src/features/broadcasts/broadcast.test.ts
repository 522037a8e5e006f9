import { addOfficer } from '../../domain/officers/accounts.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { createGathering } from '../../domain/gatherings/store.js';
import { FAST_PACING, WEEKLY_GATHERING, seedContacts } from '../../testing/broadcastFixtures.js';
import { RecordingChannel, TestUser, createTestApp } from '../../testing/harness.js';

const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
});

function makeApp() {
  const channel = new RecordingChannel('telegram');
  const app = createTestApp({ channels: [channel], pacing: { telegram: FAST_PACING }, env: { OFFICER_TELEGRAM_IDS: 'officer' } });
  apps.push(app);
  return { app, channel };
}

/** What the officer sees at each step of `/broadcast`, per officer language. */
const OFFICER = {
  id: {
    pick: '1',
    audience: 'Pengumuman baru. Siapa penerimanya?',
    country: 'Negara tujuan yang mana?',
    askId: 'Tulis isi pengumuman dalam Bahasa Indonesia (wajib, paling banyak 3500 huruf):',
    askEn: 'Tulis isi pengumuman dalam Bahasa Inggris',
    askJv: 'Tulis isi pengumuman dalam Bahasa Jawa',
    urgent: 'Seberapa penting pengumuman ini?',
    when: 'Kapan dikirim? Ketik *sekarang*, atau tanggal dan jam WIB',
    now: 'sekarang',
    badTime: 'Waktu itu tidak saya kenali.',
    preview: ['*Pratinjau pengumuman*', 'Penerima: Pelanggan di Hong Kong', 'Jumlah penerima saat ini: 3', 'Dikirim: sekarang', 'Prioritas: biasa',
      '⚠️ Tidak ada teks Basa Jawa: penerima yang memakai Basa Jawa akan menerima teks Bahasa Indonesia.'],
    confirm: 'Kirim pengumuman ini?',
    queued: 'masuk antrean untuk 3 penerima.',
    list: '· Pelanggan di Hong Kong · terkirim 3, gagal 0, dilewati 0, sisa 0',
  },
  en: {
    pick: '2',
    audience: 'New announcement. Who should receive it?',
    country: 'Which destination country?',
    askId: 'Write the announcement in Indonesian (required, at most 3500 characters):',
    askEn: 'Write the announcement in English',
    askJv: 'Write the announcement in Javanese',
    urgent: 'How urgent is this announcement?',
    when: 'When should it be sent? Type *now*, or a date and time in WIB',
    now: 'now',
    badTime: 'I could not read that time.',
    preview: ['*Announcement preview*', 'Audience: Subscribers in Hong Kong', 'Recipients now: 3', 'Sending: now', 'Priority: ordinary',
      '⚠️ No Basa Jawa text: subscribers using Basa Jawa will get the Indonesian text.'],
    confirm: 'Send this announcement?',
    queued: 'is queued for 3 recipients.',
    list: '· Subscribers in Hong Kong · sent 3, failed 0, skipped 0, remaining 0',
  },
  jv: {
    pick: '3',
    audience: 'Wara-wara enggal. Sinten ingkang nampi?',
    country: 'Nagari tujuan ingkang pundi?',
    askId: 'Serataken isi wara-wara mawi basa Indonesia (wajib, paling kathah 3500 aksara):',
    askEn: 'Serataken isi wara-wara mawi basa Inggris',
    askJv: 'Serataken isi wara-wara mawi basa Jawa',
    urgent: 'Sepinten wigatosipun wara-wara menika?',
    when: 'Kapan dipunkintun? Ketik *sakmenika*, utawi tanggal lan jam WIB',
    now: 'sakmenika',
    badTime: 'Wekdal menika mboten kula mangertosi.',
    preview: ['*Pratinjau wara-wara*', 'Panampi: Pelanggan ing Hong Kong', 'Cacahing panampi sakmenika: 3', 'Dipunkintun: sakmenika', 'Prioritas: biasa',
      '⚠️ Mboten wonten serat Basa Jawa: panampi ingkang ngangge Basa Jawa badhe nampi serat basa Indonesia.'],
    confirm: 'Kintun wara-wara menika?',
    queued: 'sampun mlebet antrean kangge 3 panampi.',
    list: '· Pelanggan ing Hong Kong · kakintun 3, gagal 0, dipunliwati 0, kantun 0',
  },
} as const;

describe('/broadcast, guided, in the officer\'s language', () => {
  for (const lang of ['id', 'en', 'jv'] as const) {
    it(`composes, previews with the count and the fallback warning, and delivers (${lang})`, async () => {
      const { app, channel } = makeApp();
      const L = OFFICER[lang];
      const hk = [...seedContacts(app, 2, { country: 'HK', language: 'en' }), ...seedContacts(app, 1, { country: 'HK', language: 'jv' })];
      seedContacts(app, 2, { country: 'TW' });
      const officer = new TestUser(app, 'officer', 'telegram');
      await officer.start(lang);
      await officer.say('2'); // no announcements for the officer itself
      expect((await officer.say('/broadcast'))[0]).toContain(L.audience);
      expect((await officer.say('4'))[0]).toContain(L.country);
      expect((await officer.say('1'))[0]).toBe(L.askId);
      expect((await officer.say('Silaturahmi online hari Minggu jam 19.00 WIB.'))[0]).toContain(L.askEn);
      expect((await officer.say('Online gathering on Sunday at 7 pm WIB.'))[0]).toContain(L.askJv);
      expect((await officer.say('-'))[0]).toContain(L.urgent);
      expect((await officer.say('1'))[0]).toContain(L.when);
      const bad = await officer.say('next week');
      expect(bad[0]).toContain(L.badTime);
      const preview = await officer.say(L.now);
      for (const line of L.preview) expect(preview[0]).toContain(line);
      expect(preview[0]).toContain('Online gathering on Sunday at 7 pm WIB.');
      expect(preview[1]).toContain(L.confirm);
      expect(channel.sent).toHaveLength(0);
      expect((await officer.say('1'))[0]).toContain(L.queued);
      expect(app.db.prepare("SELECT action, subject FROM audit WHERE action = 'broadcast_created'").all()).toEqual([{ action: 'broadcast_created', subject: 'broadcast:1' }]);

      await app.start();
      await app.drain();
      const got = channel.sent.filter((s) => s.chatId !== 'officer');
      expect(got.map((s) => s.chatId).sort()).toEqual([...hk].sort());
      expect(channel.textsTo(hk[0])[0]).toContain('Online gathering on Sunday at 7 pm WIB.');
      expect(channel.textsTo(hk[2])[0]).toContain('Silaturahmi online hari Minggu jam 19.00 WIB.');
      expect((await officer.say('/broadcasts'))[0]).toContain(L.list);
    });
  }

  it('a scheduled broadcast can be cancelled by chat before it goes out', async () => {
    const { app, channel } = makeApp();
    seedContacts(app, 2);
    const officer = new TestUser(app, 'officer', 'telegram');
    await officer.start('en');
    await officer.say('2');
    // A broadcast to everyone is an admin's: this chat is linked to an admin account.
    await addOfficer(app.db, { username: 'ana', password: 'correct horse battery staple', role: 'admin', chat: 'telegram:officer' }, Date.now());
    for (const t of ['/broadcast', '1', 'Info', '-', '-', '2']) await officer.say(t);
    const preview = await officer.say('23:30');
    expect(preview[0]).toContain('Priority: urgent (sent first)');
    expect(preview[0]).toMatch(/Sending: \d{4}-\d{2}-\d{2} 23:30 WIB/);
    expect((await officer.say('1'))[0]).toMatch(/Announcement #1 is scheduled for \d{4}-\d{2}-\d{2} 23:30 WIB/);
    expect((await officer.say('/cancelbroadcast 1'))[0]).toBe('Announcement #1 is cancelled. Messages not sent yet will not be sent.');
    expect((await officer.say('/cancelbroadcast 1'))[0]).toContain('There is no announcement #1 that can be cancelled');
    app.manualClock.advance(24 * 3600_000);
    await app.start();
    await app.drain();
    expect(channel.sent.filter((s) => s.chatId !== 'officer')).toHaveLength(0);
  });

  it('discarding at the preview sends nothing', async () => {
    const { app } = makeApp();
    seedContacts(app, 2);
    const officer = new TestUser(app, 'officer', 'telegram');
    await officer.start('id');
    await officer.say('2');
    for (const t of ['/broadcast', '1', 'Info', '-', '-', '1', 'sekarang']) await officer.say(t);
    expect((await officer.say('2'))[0]).toBe('Pengumuman dibuang, tidak ada yang dikirim.');
    expect(app.db.prepare('SELECT COUNT(*) FROM broadcasts').pluck().get()).toBe(0);
  });

  it('someone who is not an officer is refused and the attempt is audited', async () => {
    const { app } = makeApp();
    const user = new TestUser(app, 'notofficer', 'telegram');
    await user.start('en');
    await user.say('1');
    for (const cmd of ['/broadcast', '/broadcasts', '/cancelbroadcast 1']) {
      expect((await user.say(cmd))[0]).toBe('Sorry, that command is for officers only.');
    }
    const refused = app.db.prepare("SELECT detail FROM audit WHERE action = 'officer_command_refused' ORDER BY id").pluck().all();
    expect(refused).toEqual(['broadcast', 'broadcasts', 'cancelbroadcast']);
    expect(app.db.prepare('SELECT COUNT(*) FROM broadcasts').pluck().get()).toBe(0);
  });
});

const ASK = {
  id: { q: 'Apakah Anda mau menerima pengumuman dari layanan ini', yes: '1. Ya, saya mau', ok: 'Anda akan menerima pengumuman dari layanan ini.', no: 'Baik, Anda tidak akan menerima pengumuman.', menu: 'Layanan Bantuan' },
  en: { q: 'Would you like to receive announcements from this service', yes: '1. Yes, please', ok: 'You will receive announcements from this service.', no: 'All right, you will not receive announcements.', menu: "Banyuwangi Migrant Workers' Helpline" },
  jv: { q: 'Menapa panjenengan kersa nampi wara-wara saking layanan menika', yes: '1. Inggih, kula purun', ok: 'Panjenengan badhe nampi wara-wara saking layanan menika.', no: 'Inggih, panjenengan mboten badhe nampi wara-wara.', menu: 'Layanan Pambiyantu' },
} as const;

describe('new contacts are asked once about announcements', () => {
  for (const lang of ['id', 'en', 'jv'] as const) {
    it(`right after the first language choice, in that language (${lang})`, async () => {
      const { app } = makeApp();
      const A = ASK[lang];
      const yes = new TestUser(app, `yes-${lang}`, 'telegram');
      await yes.say('halo');
      const afterLang = await yes.say({ id: '1', en: '2', jv: '3' }[lang]);
      expect(afterLang).toHaveLength(2);
      expect(afterLang[1]).toContain(A.q);
      expect(afterLang[1]).toContain(A.yes);
      expect(yes.contact()?.subscribed).toBeNull();
      const answered = await yes.say('1');
      expect(answered[0]).toContain(A.ok);
      expect(answered[1]).toContain(A.menu);
      expect(yes.contact()?.subscribed).toBe(true);

      const no = new TestUser(app, `no-${lang}`, 'telegram');
      const declined = await no.start(lang); // start() declines the question
      expect(declined[0]).toContain(A.no);
      expect(no.contact()?.subscribed).toBe(false);

      // Changing the language later does not ask again.
      await yes.say('bahasa');
      const changed = await yes.say(lang === 'en' ? '1' : '2');
      expect(changed.join('\n')).not.toMatch(/announcements from this service \(|pengumuman dari layanan ini \(|wara-wara saking layanan menika \(/);
      expect(yes.contact()?.subscribed).toBe(true);
    });
  }

  it('someone who leaves the question unanswered is not subscribed', async () => {
    const { app } = makeApp();
    const u = new TestUser(app, 'skipper', 'telegram');
    await u.say('halo');
    await u.say('2');
    expect((await u.say('menu'))[0]).toContain("Banyuwangi Migrant Workers' Helpline");
    expect(u.contact()?.subscribed).toBeNull();
  });
});

describe('broadcast texts', () => {
  it('every key exists in all three languages with the same {{vars}}', async () => {
    const { loadResources } = await import('../../i18n.js');
    const res = loadResources();
    const flat = (o: unknown, prefix = ''): Record<string, string> =>
      Object.entries(o as Record<string, unknown>).reduce<Record<string, string>>((acc, [k, v]) => {
        if (typeof v === 'string') acc[prefix + k] = v;
        else Object.assign(acc, flat(v, `${prefix}${k}.`));
        return acc;
      }, {});
    const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort().join(',');
    const id = flat(res.id.broadcast);
    for (const lang of ['en', 'jv'] as const) {
      const other = flat(res[lang].broadcast);
      expect(Object.keys(other).sort()).toEqual(Object.keys(id).sort());
      for (const k of Object.keys(id)) expect(vars(other[k]), `${lang} broadcast.${k}`).toBe(vars(id[k]));
    }
  });
});

describe('/broadcast to people who said yes to a gathering', () => {
  it('offers the coming occurrences with their yes counts and reaches only subscribers who said yes to the chosen one', async () => {
    const { app, channel } = makeApp();
    app.db.transaction(() =>
      createGathering(app.db, WEEKLY_GATHERING, app.clock.now()),
    )();
    /** A person who answers in the gatherings menu: occurrence n of the list, answer 1 yes / 3 no. */
    const rsvp = async (lang: 'id' | 'en' | 'jv', subscribe: boolean, n: string, answer: string) => {
      const u = new TestUser(app, undefined, 'telegram');
      await u.start(lang, subscribe);
      for (const t of ['4', '1', n, answer]) await u.say(t);
      return u;
    };
    const yesEn = await rsvp('en', true, '1', '1');
    const yesJv = await rsvp('jv', true, '1', '1');
    await rsvp('id', true, '1', '3'); // said no
    await rsvp('en', false, '1', '1'); // said yes, but wants no announcements
    await rsvp('id', true, '2', '1'); // yes to the following Sunday only
    expect(app.db.prepare("SELECT COUNT(*) FROM gathering_rsvps WHERE answer = 'yes'").pluck().get()).toBe(4);

    const officer = new TestUser(app, 'officer', 'telegram');
    await officer.start('en');
    await officer.say('2');
    await officer.say('/broadcast');
    const menu = (await officer.say('6')).join('\n');
    expect(menu).toContain('Which gathering?');
    expect(menu).toContain('1. Family gathering (#1), Sunday 6 Dec 2026, 14:00: 3 said yes');
    expect(menu).toContain('2. Family gathering (#1), Sunday 13 Dec 2026, 14:00: 1 said yes');
    for (const t of ['1', 'Link baru: https://meet.example.org/bwi2', 'New link: https://meet.example.org/bwi2', 'Link enggal: https://meet.example.org/bwi2', '1']) await officer.say(t);
    const preview = (await officer.say('now'))[0];
    expect(preview).toContain('Audience: People who said yes to Family gathering (#1) on Sunday 6 Dec 2026, 14:00');
    expect(preview).toContain('Recipients now: 2');
    expect((await officer.say('1'))[0]).toContain('is queued for 2 recipients.');
    expect(JSON.parse(app.db.prepare('SELECT audience FROM broadcasts').pluck().get() as string)).toEqual({ kind: 'gathering', gatheringId: 1, occurrenceId: 1 });

    await app.start();
    await app.drain();
    const got = channel.sent.filter((s) => s.chatId !== 'officer' && s.msg.text.includes('meet.example.org/bwi2'));
    expect(got.map((s) => s.chatId).sort()).toEqual([yesEn.chatId, yesJv.chatId].sort());
    expect(got.find((s) => s.chatId === yesEn.chatId)?.msg.text).toContain('New link: https://meet.example.org/bwi2');
    expect(got.find((s) => s.chatId === yesJv.chatId)?.msg.text).toContain('Link enggal: https://meet.example.org/bwi2');
  });
});
