/** Transcripts of the first contact, the main menu and every global word, in all three languages. */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { createTestApp, TestUser } from '../../testing/harness.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

const MENU = {
  id: 'Apa yang bisa kami bantu?',
  en: 'How can we help?',
  jv: 'Menapa ingkang saged kula biyantu?',
} as const;

describe('first contact and main menu', () => {
  it('a new contact chooses a language first, then sees the numbered main menu', async () => {
    app = createTestApp();
    const u = new TestUser(app);
    const [welcome] = await u.say('Halo');
    expect(welcome).toContain('Pilih bahasa / Choose a language / Pilih basa');
    expect(welcome).toMatch(/1\. Bahasa Indonesia\n2\. English\n3\. Basa Jawa/);
    expect(u.contact()?.language).toBeNull();

    const [ok, ask] = await u.say('2');
    expect(ok).toContain('continue in English');
    expect(ask).toContain('Would you like to receive announcements');
    const replies = await u.say('1');
    expect(u.contact()?.subscribed).toBe(true);
    const menu = replies.at(-1)!;
    expect(menu).toContain('Banyuwangi Migrant Workers');
    expect(menu).toMatch(/1\. Report a problem\n2\. Check my report\n3\. Check a recruitment agency/);
    expect(menu).toContain('8. Bahasa / Language / Basa');
    expect(menu).not.toContain('0. Back');
    expect(u.contact()?.language).toBe('en');
  });

  it('an answer that is not a language asks again', async () => {
    app = createTestApp();
    const u = new TestUser(app);
    await u.say('hi');
    const replies = await u.say('French please');
    expect(replies[0]).toMatch(/not one of the choices|pilihan itu tidak ada/i);
    expect(replies[1]).toContain('Choose a language');
  });

  for (const lang of ['id', 'en', 'jv'] as const) {
    describe(`in ${lang}`, () => {
      it('free text gets the menu with "send this message to an officer", never a bare "not understood"', async () => {
        app = createTestApp();
        const u = new TestUser(app);
        await u.start(lang);
        const replies = await u.say('tolong bantu saya dong');
        expect(replies).toHaveLength(2);
        expect(replies[0]).toMatch({ id: /belum mengerti/, en: /did not understand/, jv: /dereng mangertos/ }[lang]);
        expect(replies[1]).toContain(MENU[lang]);
        expect(replies[1]).toMatch({ id: /\n9\. Kirim pesan ini ke petugas$/, en: /\n9\. Send this message to an officer$/, jv: /\n9\. Kintunaken pesen menika dhateng petugas$/ }[lang]);
      });

      it('menu and /start show the main menu from inside a flow', async () => {
        app = createTestApp();
        const u = new TestUser(app);
        await u.start(lang);
        await u.say('6');
        expect((await u.say('MENU'))[0]).toContain(MENU[lang]);
        await u.say('6');
        expect((await u.say('/start'))[0]).toContain(MENU[lang]);
      });

      it('0 goes back from a submenu to the main menu', async () => {
        app = createTestApp();
        const u = new TestUser(app);
        await u.start(lang);
        const [safety] = await u.say('6');
        expect(safety).toMatch(/0\. (Kembali|Back|Wangsul)/);
        expect((await u.say('0'))[0]).toContain(MENU[lang]);
      });

      it('batal/cancel abandons the current flow', async () => {
        app = createTestApp();
        const u = new TestUser(app);
        await u.start(lang);
        await u.say('7');
        const [cancelled, menu] = await u.say(lang === 'en' ? 'cancel' : 'batal');
        expect(cancelled).toMatch({ id: /Dibatalkan/, en: /Cancelled/, jv: /kabatalaken/ }[lang]);
        expect(menu).toContain(MENU[lang]);
      });

      it('bahasa/language/basa switches language from anywhere and asks the same question again', async () => {
        app = createTestApp();
        const u = new TestUser(app);
        await u.start(lang);
        await u.say('6');
        const [chooser] = await u.say({ id: 'bahasa', en: 'language', jv: 'basa' }[lang]);
        expect(chooser).toContain('Choose a language');
        const [ok, again] = await u.say('3');
        expect(ok).toContain('basa Jawa');
        expect(again).toContain('Info migrasi ingkang aman. Pilih topik:');
        expect(u.contact()?.language).toBe('jv');
        const [mainMenu] = await u.say('bahasa');
        expect(mainMenu).toContain('Choose a language');
        expect((await u.say('2')).at(-1)).toContain('Safe migration info. Choose a topic:');
      });

      it('stop/berhenti and subscribe/mulai langganan change announcements, then return to where the user was', async () => {
        app = createTestApp();
        const u = new TestUser(app);
        await u.start(lang);
        await u.say('6');
        const [stopped, again] = await u.say(lang === 'en' ? 'stop' : 'berhenti');
        expect(stopped).toMatch({ id: /tidak akan menerima pengumuman/, en: /not receive announcements/, jv: /mboten badhe nampi wara-wara/ }[lang]);
        expect(again).toMatch(/1\. .*\n2\. .*\n3\. /);
        expect(u.contact()?.subscribed).toBe(false);
        const [subscribed] = await u.say(lang === 'en' ? 'subscribe' : 'mulai langganan');
        expect(subscribed).toMatch({ id: /akan menerima pengumuman/, en: /will receive announcements/, jv: /badhe nampi wara-wara/ }[lang]);
        expect(u.contact()?.subscribed).toBe(true);
      });

      it('sos/darurat/emergency gives emergency contacts at once, marked unverified, and offers a report', async () => {
        app = createTestApp();
        const u = new TestUser(app);
        await u.start(lang);
        await u.say('7');
        const replies = await u.say({ id: 'darurat', en: 'emergency', jv: 'SOS' }[lang]);
        const all = replies.join('\n');
        expect(all).toContain('0800-1000');
        expect(all).toMatch({ id: /belum diverifikasi/, en: /not yet verified/, jv: /dereng dipunverifikasi/ }[lang]);
        // The country is not known yet: one tap names it; then at most two questions, then the menu.
        expect(replies.at(-1)).toMatch(/1\. .*\n2\. /);
        await u.say('2'); // a country
        await u.say('-'); // where: skipped
        await u.say('1'); // safe to chat
        // After the emergency help, the person is back where they were (announcements and my data).
        const back = await u.say('2'); // no full report now
        expect(back.at(-2)).toMatch({ id: /Mari lanjutkan/, en: /continue where you were/, jv: /lajengaken/ }[lang]);
        expect(back.at(-1)).toMatch({ id: /^Pengumuman dan data saya/, en: /^Announcements and my data/, jv: /^Wara-wara lan data kula/ }[lang]);
      });

      it('my data shows what is stored, delete my data erases it after confirmation', async () => {
        app = createTestApp();
        const u = new TestUser(app);
        await u.start(lang);
        await u.say('berhenti');
        const [summary] = await u.say(lang === 'en' ? 'my data' : 'data saya');
        expect(summary).toContain('console');
        const [confirm] = await u.say(lang === 'en' ? 'delete my data' : 'hapus data');
        expect(confirm).toMatch(/1\. .*\n2\. /);
        const [done] = await u.say('1');
        expect(done).toMatch({ id: /sudah dihapus/, en: /has been deleted/, jv: /sampun kabusak/ }[lang]);
        const audit = app.db.prepare("SELECT action FROM audit WHERE action LIKE 'data_%' ORDER BY id").pluck().all();
        expect(audit).toEqual(['data_viewed', 'data_deleted']);
      });

    });
  }
});

describe('hostile and odd input', () => {
  it('over 4,000 characters is refused with a clear reply and nothing else happens', async () => {
    app = createTestApp();
    const u = new TestUser(app);
    await u.start('en');
    await u.say('6');
    const before = app.db.prepare('SELECT state FROM sessions').pluck().get();
    const replies = await u.say('a'.repeat(4001));
    expect(replies).toEqual([expect.stringContaining('too long (more than 4000 characters)')]);
    expect(app.db.prepare('SELECT state FROM sessions').pluck().get()).toBe(before);
  });

  it('control characters are stripped; emoji, RTL and zero-width characters do not break anything', async () => {
    app = createTestApp();
    const u = new TestUser(app);
    await u.start('id');
    expect((await u.say('\u0007\u200b6\u200f\u0000'))[0]).toContain('Info migrasi aman');
    await u.say('menu');
    for (const text of ['😀🙏🏽👨‍👩‍👧', 'مرحبا بك', '\u202Eabc', "'; DROP TABLE contacts; --", '<script>alert(1)</script>', '']) {
      const replies = await u.say(text);
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.at(-1)).toContain(MENU.id);
    }
    expect(app.db.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(1);
  });

  it('an edited message is not processed as a new answer', async () => {
    app = createTestApp();
    const u = new TestUser(app);
    await u.start('en');
    const replies = await u.say('6', { kind: 'edit' });
    expect(replies).toEqual([expect.stringContaining('Edited messages are not processed')]);
  });

  it('a sticker or photo at a menu gets a polite hint and the menu again', async () => {
    app = createTestApp();
    const u = new TestUser(app);
    await u.start('en');
    const replies = await u.sendMedia({ kind: 'sticker' });
    expect(replies[0]).toContain('I can only read text');
    expect(replies[1]).toContain(MENU.en);
  });

  it('in a group chat no report is collected: the bot points to a private chat', async () => {
    app = createTestApp();
    const u = new TestUser(app);
    await u.start('en');
    const replies = await u.say('1', { group: true });
    expect(replies).toEqual([expect.stringContaining('private chat')]);
  });
});
