/**
 * Verifiable announcements and family followers end to end: the real app and the real grammY
 * talking HTTP to the fake Telegram Bot API.
 */
import { addOfficer } from '../../domain/officers/accounts.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import type { Lang } from '../../core/types.js';
import { channelsFromConfig } from '../../channels/fromConfig.js';
import { CODE_ALPHABET } from '../../domain/broadcasts/verifyCode.js';
import { silentLogger } from '../../logger.js';
import { telegramPacing } from '../../outbox/pacing.js';
import { FakeTelegram } from '../../testing/fakeTelegram.js';
import { TestUser, createTestApp, testConfig } from '../../testing/harness.js';
import { refAndPin, typeAll } from '../../testing/cases.js';
import { telegramSay, until as waitUntil } from '../../testing/telegramChat.js';

const OFFICER = 2002;
const WORKER = 3003;
const MOTHER = 4004;
const TURN_TIMEOUT_MS = 8000;
/** Shorter than Telegram's per-chat gap, to keep turns quick (the fake does not enforce it here). */
const TEST_PER_CHAT_GAP_MS = 50;
const TEST_TIMEOUT_MS = 60_000;
const ANNOUNCEMENT = 'Cek jadwal silaturahmi online: Minggu 6 Desember jam 19.00 WIB lewat Zoom.';

let fake: FakeTelegram;
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  await fake?.close();
});

async function startBot(): Promise<App> {
  fake = await FakeTelegram.start();
  const config = testConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, OFFICER_TELEGRAM_IDS: String(OFFICER) });
  const pacing = { ...telegramPacing(config.OUTBOX_TELEGRAM_PER_SECOND), perChatGapMs: TEST_PER_CHAT_GAP_MS };
  const app = createTestApp({ config, channels: await channelsFromConfig(config, silentLogger), pacing: { telegram: pacing } });
  apps.push(app);
  await app.start();
  return app;
}

const until = (cond: () => boolean, what: string, timeoutMs = TURN_TIMEOUT_MS) => waitUntil(cond, what, timeoutMs);
const say = (app: App, chat: number, text: string) => telegramSay(fake, app, chat, text, TURN_TIMEOUT_MS);

async function begin(app: App, chat: number, lang: Lang, subscribe: boolean): Promise<void> {
  await say(app, chat, 'halo');
  await say(app, chat, { id: '1', en: '2', jv: '3' }[lang]);
  await say(app, chat, subscribe ? '1' : '2');
}

describe('safety features over Telegram', () => {
  it('an officer broadcast arrives with a code; check CODE is official, a changed code or a pasted fake is not', async () => {
    const app = await startBot();
    await begin(app, OFFICER, 'en', false);
    // A broadcast to everyone is an admin's: this officer chat is linked to an admin account.
    await addOfficer(app.db, { username: 'ana', password: 'correct horse battery staple', role: 'admin', chat: `telegram:${OFFICER}` }, Date.now());
    await begin(app, WORKER, 'id', true);
    // The officer composes it in the chat; an announcement starting with "Cek" stays the announcement.
    for (const t of ['/broadcast', '1', ANNOUNCEMENT, '-', '-', '1', 'now']) await say(app, OFFICER, t);
    const before = fake.textsTo(WORKER).length;
    await say(app, OFFICER, '1');
    await until(() => fake.textsTo(WORKER).length > before, 'the announcement');
    const announcement = fake.textsTo(WORKER).at(-1) as string;
    expect(announcement).toContain(ANNOUNCEMENT);
    const code = new RegExp(`Kode cek: ([${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}) — kirim cek \\1 untuk memastikan pesan ini resmi\\.`).exec(announcement)?.[1];
    expect(code).toBeDefined();

    const [official] = await say(app, WORKER, `cek ${code}`);
    expect(official).toContain('✅ RESMI. Pengumuman ini dikirim oleh layanan PMI Banyuwangi pada');
    expect(official).toContain(ANNOUNCEMENT);

    const last = (code as string).at(-1) as string;
    const changed = (code as string).slice(0, -1) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(last) + 1) % CODE_ALPHABET.length];
    const [notOfficial] = await say(app, WORKER, `check ${changed}`);
    expect(notOfficial).toContain(`❌ TIDAK RESMI. Kode ${changed} bukan kode pengumuman layanan PMI Banyuwangi.`);

    const fake1 = `📢 Pengumuman dari layanan PMI Banyuwangi\n\nLowongan kerja Taiwan tanpa biaya, daftar sekarang, transfer Rp 3.000.000 untuk visa.\n\nKode cek: ${changed}`;
    expect((await say(app, WORKER, fake1))[0]).toContain('TIDAK RESMI');
    const fake2 = 'Halo, saya petugas KBRI. Paspor Anda bermasalah, kirim foto paspor dan transfer biaya pengurusan hari ini.';
    const [pasted] = await say(app, WORKER, `cek ${fake2}`);
    expect(pasted).toContain('❌ TIDAK RESMI. Pesan ini tidak dikirim oleh layanan PMI Banyuwangi.');
    expect(pasted).toContain('jangan mengirim foto paspor');
    // Forwarding the real announcement answers official.
    expect((await say(app, WORKER, announcement))[0]).toContain('✅ RESMI.');
  }, TEST_TIMEOUT_MS);

  it('a follower on Telegram gets the status change of a report made on WhatsApp', async () => {
    const app = await startBot();
    await begin(app, OFFICER, 'en', false);
    const worker = new TestUser(app, '6281234567890', 'whatsapp-web');
    await worker.start('id');
    await typeAll(worker, ['1', '1', '1', '1', '1', '-', '-', '-', 'Gaji saya belum dibayar tiga bulan.', 'done', '-', '1']);
    const { ref } = refAndPin(await worker.say('1'));
    const codeText = (await typeAll(worker, ['menu', '2', '3', '1', '1'])).join('\n');
    const code = /\*([2-9A-Z]{4}-[2-9A-Z]{4})\*/.exec(codeText)?.[1] as string;
    expect(code).toBeDefined();

    await begin(app, MOTHER, 'jv', false);
    expect((await say(app, MOTHER, `tut ${code}`))[0]).toContain(`Sapunika panjenengan ndherek laporan ${ref}.`);
    const before = fake.textsTo(MOTHER).length;
    await say(app, OFFICER, `/status ${ref} in_progress`);
    await until(() => fake.textsTo(MOTHER).length > before, 'the follower notice');
    expect(fake.textsTo(MOTHER).at(-1)).toBe(`Kabar laporan kulawarga ingkang panjenengan tut (${ref}): ${app.translator.t('jv', 'case.statusPlain.in_progress')}.`);
  }, TEST_TIMEOUT_MS);

  it('discreet mode: notifications start neutrally and the PIN message is deleted after the person confirms', async () => {
    const app = await startBot();
    await begin(app, OFFICER, 'en', false);
    await begin(app, WORKER, 'en', false);
    for (const t of ['1', '1', '1', '1', '1', '-', '-', '-', 'My wages were not paid for 3 months.', 'done', '-', '1']) await say(app, WORKER, t);
    const created = await say(app, WORKER, '1');
    const pinMessage = fake.sent.find((m) => m.chatId === String(WORKER) && /PIN: \d{6}/.test(m.text));
    expect(pinMessage).toBeDefined();
    const ref = /([A-Z]{2,6}-\d{4}-\d{4,})/.exec(pinMessage!.text)![1];
    expect(created.join('\n')).toContain('Type discreet for discreet mode');

    const on = await say(app, WORKER, 'discreet');
    expect(on[0]).toContain('Discreet mode is for a phone others');
    const turnedOn = await say(app, WORKER, '1');
    expect(turnedOn.join('\n')).toContain('💬 New message\n\nDiscreet mode is on.');
    // Back at "Have you written them down?": yes deletes the message with the reference and PIN.
    expect(turnedOn.at(-1)).toContain(app.translator.t('en', 'complaint.writtenDown'));
    const noted = await say(app, WORKER, '1');
    expect(noted.join('\n')).toMatch(/Done: \d+ of our messages were deleted from this conversation\./);
    expect(fake.deleted.map((m) => m.messageId)).toContain(pinMessage!.messageId);
    // Only messages that show the reference or speak of the PIN; the language menu stays.
    expect(fake.deleted.every((m) => m.text.includes(ref) || /PIN/.test(m.text))).toBe(true);
    expect(fake.deleted.map((m) => m.text)).not.toContain(fake.textsTo(WORKER)[0]);
    const before = fake.textsTo(WORKER).length;
    await say(app, OFFICER, `/status ${ref} in_progress`);
    await until(() => fake.textsTo(WORKER).length > before, 'the status notice');
    const notice = fake.textsTo(WORKER).at(-1) as string;
    expect(notice.split('\n')[0]).toBe('💬 New message');
    expect(notice).toContain(ref);

    // From the menu: the messages that show the reference (the status notice now).
    await say(app, WORKER, 'discreet');
    const done = await say(app, WORKER, '2');
    expect(done.join('\n')).toMatch(/Done: \d+ of our messages were deleted from this conversation\./);
    const deletedIds = fake.callsOf('deleteMessage').map((p) => Number(p.message_id));
    expect(deletedIds).toContain(pinMessage!.messageId);
    expect(fake.deleted.map((m) => m.text)).toContain(notice);
    // Only messages with the reference or PIN: the language menu stays.
    expect(fake.deleted.every((m) => m.text.includes(ref) || /PIN/.test(m.text))).toBe(true);

    // "Clear this conversation": every message of ours of the last 48 hours, the first menu included.
    await say(app, WORKER, 'discreet');
    const firstMenu = fake.sent.find((m) => m.chatId === String(WORKER))!;
    await say(app, WORKER, '3');
    expect(fake.deleted.map((m) => m.messageId)).toContain(firstMenu.messageId);

    // A second report while discreet: once the person confirms they wrote them down, the PIN message goes.
    for (const t of ['menu', '1', '1', '1', '1', '1', '-', '-', '-', 'My employer took my phone again.', 'done', '-', '1']) await say(app, WORKER, t);
    await say(app, WORKER, '1');
    const secondPin = [...fake.sent].reverse().find((m) => m.chatId === String(WORKER) && /PIN: \d{6}/.test(m.text))!;
    expect(secondPin.messageId).not.toBe(pinMessage!.messageId);
    expect(fake.deleted.map((m) => m.messageId)).not.toContain(secondPin.messageId);
    const confirmed = await say(app, WORKER, '1');
    expect(confirmed.join('\n')).toMatch(/Done: \d+ of our messages were deleted/);
    expect(fake.deleted.map((m) => m.messageId)).toContain(secondPin.messageId);
  }, TEST_TIMEOUT_MS);
});
