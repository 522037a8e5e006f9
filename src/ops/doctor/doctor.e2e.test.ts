/**
 * `npm run doctor` against the fake Telegram Bot API and the fake Graph API: a healthy installation
 * passes; a wrong token, a stranger's webhook, an unreachable officer chat, a stale or damaged
 * backup and each Cloud API mistake are named with their fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from '../../channels/whatsappCloud/verifySignature.js';
import { type Config, parseConfig } from '../../config.js';
import { FakeGraph } from '../../testing/fakeGraph.js';
import { FakeTelegram } from '../../testing/fakeTelegram.js';
import { tempDataDir } from '../../testing/harness.js';
import { runScript } from '../../testing/processes.js';
import { type DB, openDatabase } from '../../store/db.js';
import { backupDatabase } from '../backup.js';
import type { DoctorResult, DoctorContext } from './check.js';
import { judgeClockSkew } from './clock.js';
import { exitCodeFor, renderChecklist, runDoctor } from './runDoctor.js';

const GRAPH_TOKEN = 'EAAG-graph-token-for-tests';
const APP_SECRET = '0123456789abcdef0123456789abcdef';
const PHONE_ID = '105550001';
const WABA_ID = '205550002';
const DAY = 24 * 3600_000;

let tg: FakeTelegram;
let graph: FakeGraph;
const open: DB[] = [];

beforeEach(async () => {
  tg = await FakeTelegram.start();
  graph = await new FakeGraph(GRAPH_TOKEN).start();
  graph.phoneNumbers.set(PHONE_ID, { verifiedName: 'Layanan PMI Banyuwangi', qualityRating: 'GREEN' });
  graph.appSecret = APP_SECRET;
  graph.wabaId = WABA_ID;
  graph.templates.push({ name: 'case_update', language: 'id', status: 'APPROVED' }, { name: 'case_update', language: 'en', status: 'APPROVED' });
});

afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  await tg.close();
  await graph.close();
});

/** A configured installation: database with one account, a fresh backup, Telegram and Cloud API on the fakes. */
async function installation(env: Record<string, string> = {}): Promise<{ config: Config; ctx: DoctorContext; db: DB }> {
  const dir = tempDataDir('helpline-doctor-');
  fs.chmodSync(dir, 0o700);
  const config = parseConfig({
    DATA_DIR: dir,
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    OFFICER_TELEGRAM_IDS: '5550001,5550002',
    WHATSAPP_CLOUD_TOKEN: GRAPH_TOKEN,
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
    WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
    WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify-me',
    WHATSAPP_CLOUD_API_ROOT: graph.root,
    WHATSAPP_CLOUD_WABA_ID: WABA_ID,
    ...env,
  });
  const db = openDatabase(config.DB_PATH);
  open.push(db);
  // The doctor only counts accounts: a row without a real password hash spares the scrypt time.
  db.prepare("INSERT INTO officers (username, password_hash, role, created_at, updated_at) VALUES ('ana', 'not-a-hash', 'admin', ?, ?)").run(Date.now(), Date.now());
  await backupDatabase(db, { dir: config.BACKUP_DIR, now: Date.now(), timezone: config.HOME_TIMEZONE, keepDays: 14, kind: 'manual' });
  const ctx: DoctorContext = { config, db, now: Date.now(), timeoutMs: 3000, signer: { sign: signPayload, verify: verifySignature } };
  return { config, ctx, db };
}

/** The environment a Config came from (enough of it to derive a variant). */
const envOf = (c: Config): Record<string, string> => ({
  DATA_DIR: c.DATA_DIR,
  TELEGRAM_BOT_TOKEN: c.TELEGRAM_BOT_TOKEN,
  TELEGRAM_API_ROOT: c.TELEGRAM_API_ROOT,
  OFFICER_TELEGRAM_IDS: c.OFFICER_TELEGRAM_IDS.join(','),
});
const named = (results: DoctorResult[], name: string) => results.filter((r) => r.name === name);
const problems = (results: DoctorResult[]) => results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.name}: ${r.message}`);

describe('npm run doctor', () => {
  it('a healthy installation: nothing blocks going live, and the checklist says which bot, which number, which backup', async () => {
    const { ctx } = await installation();
    const results = await runDoctor(ctx);
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(exitCodeFor(results)).toBe(0);
    expect(named(results, 'Telegram bot')[0]).toMatchObject({ status: 'ok', message: `the token belongs to @helpline_test_bot (bot id ${tg.botId})` });
    expect(named(results, 'Telegram webhook')).toEqual([{ status: 'ok', name: 'Telegram webhook', message: 'no webhook: the bot collects messages by long polling' }]);
    expect(named(results, 'Officer chats')).toEqual([{ status: 'ok', name: 'Officer chats', message: 'all 2 Telegram officer chat(s) can be reached' }]);
    expect(named(results, 'WhatsApp Cloud phone number')[0]).toMatchObject({ status: 'ok', message: 'found: "Layanan PMI Banyuwangi", quality GREEN' });
    expect(named(results, 'WhatsApp Cloud app secret')[0].status).toBe('ok');
    expect(named(results, 'WhatsApp templates')).toEqual([{ status: 'ok', name: 'WhatsApp templates', message: '2 approved: case_update' }]);
    expect(named(results, 'Dashboard accounts')[0]).toMatchObject({ status: 'ok', message: '1 account(s) can sign in' });
    expect(named(results, 'Last backup')[0]).toMatchObject({ status: 'ok' });
    expect(named(results, 'Last backup')[0].message).toMatch(/^manual-\d{8}-\d{6}\.sqlite, 0 hours old, passes SQLite's integrity check$/);
    expect(named(results, 'Clock')[0]).toMatchObject({ status: 'ok' });
    // What remains are advice, not blockers: the fake bot may join groups; backups share the data disk.
    expect(problems(results)).toEqual([
      'warn Backup folder: backups (' + ctx.config.BACKUP_DIR + ') are on the same disk as the database: a failed disk loses both',
      'warn Telegram bot: the bot can be added to groups (reports belong in private chats)',
    ]);
    // Secrets and the token never appear in what is printed.
    const text = renderChecklist(results);
    for (const secret of [tg.token, GRAPH_TOKEN, APP_SECRET, 'verify-me']) expect(text).not.toContain(secret);
    expect(text).toMatch(/Nothing blocks going live: 2 warning\(s\), \d+ ok\.\n$/);
  });

  it('a wrong Telegram token is named with where to get the right one; officer chats are not blamed for it', async () => {
    const { ctx } = await installation({ TELEGRAM_BOT_TOKEN: '123456:not-the-real-token' });
    const results = await runDoctor(ctx);
    expect(named(results, 'Telegram bot')).toEqual([
      {
        status: 'fail',
        name: 'Telegram bot',
        message: 'Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): the token is wrong or was revoked',
        fix: 'In Telegram open @BotFather → /mybots → your bot → API Token, and put that token in .env as TELEGRAM_BOT_TOKEN.',
      },
    ]);
    expect(named(results, 'Officer chats')[0]).toMatchObject({ status: 'warn', message: '2 Telegram officer chat(s) not checked: the bot token does not work' });
    expect(exitCodeFor(results)).toBe(1);
    expect(renderChecklist(results)).toContain('  FAIL  Telegram bot');
  });

  it("a stranger's webhook blocks going live, with the advice to revoke the token", async () => {
    tg.webhook = { url: 'https://stranger.example.net/bot-hook' };
    const { ctx } = await installation();
    const [hook] = named(await runDoctor(ctx), 'Telegram webhook');
    expect(hook.status).toBe('fail');
    expect(hook.message).toBe("Telegram delivers this bot's messages to a webhook that is not ours: https://stranger.example.net/bot-hook (we use long polling)");
    expect(hook.fix).toMatch(/someone else has the token: \/revoke it in @BotFather/);
  });

  it('our own webhook passes; a recent delivery error and a backlog at Telegram are warned about', async () => {
    tg.webhook = { url: 'https://helpline.example.org/webhooks/telegram' };
    tg.webhookLastError = { date: Math.floor(Date.now() / 1000) - 600, message: 'Wrong response from the webhook: 502 Bad Gateway' };
    for (let i = 0; i < 101; i++) tg.userSays(9000 + i, 'halo');
    const { ctx } = await installation({ PUBLIC_BASE_URL: 'https://helpline.example.org', TELEGRAM_WEBHOOK_SECRET: 'hook-secret' });
    const hook = named(await runDoctor(ctx), 'Telegram webhook');
    expect(hook.map((r) => [r.status, r.message])).toEqual([
      ['ok', 'Telegram delivers to our webhook https://helpline.example.org/webhooks/telegram'],
      ['warn', "101 updates are waiting at Telegram: nobody is collecting this bot's messages"],
      ['warn', expect.stringMatching(/^Telegram's last delivery to the webhook failed at .*: Wrong response from the webhook: 502 Bad Gateway$/)],
    ]);
    expect(hook[2].fix).toMatch(/forwards POST \/webhooks\/telegram to HTTP_PORT/);
  });

  it('an officer chat that never pressed Start is named, with how to fix it', async () => {
    tg.notStarted.add('5550002');
    const { ctx } = await installation();
    const results = await runDoctor(ctx);
    expect(named(results, 'Officer chats')).toEqual([
      {
        status: 'fail',
        name: 'Officer chats',
        message: 'officer chat 5550002 cannot be reached on Telegram (Bad Request: chat not found): alerts will not arrive there',
        fix: 'Ask that officer to open https://t.me/helpline_test_bot and press Start (a bot cannot write first), or remove 5550002 from OFFICER_TELEGRAM_IDS. Check the id with @userinfobot.',
      },
    ]);
    expect(exitCodeFor(results)).toBe(1);
    expect(tg.callsOf('getChat').map((p) => String(p.chat_id)).sort()).toEqual(['5550001', '5550002']);
  });

  it('a stale backup is warned about with what to do; a damaged newest backup fails', async () => {
    const { ctx, config } = await installation();
    const [file] = fs.readdirSync(config.BACKUP_DIR);
    const old = (Date.now() - 3 * DAY) / 1000;
    fs.utimesSync(path.join(config.BACKUP_DIR, file), old, old);
    const stale = named(await runDoctor(ctx), 'Last backup');
    expect(stale[0]).toEqual({
      status: 'warn',
      name: 'Last backup',
      message: `the newest backup, ${file}, is 3 days old: the nightly backup is not happening`,
      fix: 'Check that the server runs (systemctl status helpline) and look in its log for "daily backup written" or a backup error; make one now with npm run backup.',
    });
    expect(stale[1]).toMatchObject({ status: 'ok', message: `${file} passes SQLite's integrity check` });

    // A newer file that is not a database at all.
    fs.writeFileSync(path.join(config.BACKUP_DIR, 'daily-2026-12-01.sqlite'), Buffer.alloc(8192, 7));
    const damaged = named(await runDoctor(ctx), 'Last backup');
    expect(damaged).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringMatching(/^the newest backup, daily-2026-12-01\.sqlite, is damaged: /) })]);
    expect(damaged[0].fix).toMatch(/npm run backup/);
  });

  it('no backup at all, no account and no officer chat: a fresh machine is told what to do first', async () => {
    const { ctx, config, db } = await installation({ OFFICER_TELEGRAM_IDS: '' });
    db.prepare('DELETE FROM officers').run();
    fs.rmSync(config.BACKUP_DIR, { recursive: true });
    const results = await runDoctor(ctx);
    expect(named(results, 'Last backup')[0]).toMatchObject({ status: 'warn', message: `no backup in ${config.BACKUP_DIR} yet`, fix: expect.stringMatching(/^Make one now with npm run backup/) });
    expect(named(results, 'Dashboard accounts')[0]).toMatchObject({ status: 'fail', message: 'none yet, and no officer chat: nobody would see a case', fix: expect.stringMatching(/npm run add-officer/) });
    expect(named(results, 'Officer chats')[0]).toMatchObject({ status: 'warn', fix: expect.stringMatching(/OFFICER_TELEGRAM_IDS/) });
  });

  it('Cloud API: a refused token, an unknown phone number id, the wrong app secret and unapproved templates are each named', async () => {
    const wrongToken = await runDoctor((await installation({ WHATSAPP_CLOUD_TOKEN: 'EAAG-expired' })).ctx);
    expect(named(wrongToken, 'WhatsApp Cloud token')[0]).toMatchObject({ status: 'fail', message: 'Graph refused WHATSAPP_CLOUD_TOKEN (Invalid OAuth access token.): it is wrong or expired' });
    expect(named(wrongToken, 'WhatsApp Cloud token')[0].fix).toMatch(/System users/);

    const wrongPhone = await runDoctor((await installation({ WHATSAPP_CLOUD_PHONE_NUMBER_ID: '6281234567890' })).ctx);
    expect(named(wrongPhone, 'WhatsApp Cloud token')[0].status).toBe('ok');
    expect(named(wrongPhone, 'WhatsApp Cloud phone number')[0]).toMatchObject({ status: 'fail', fix: expect.stringMatching(/Phone number ID from WhatsApp → API setup/) });

    const wrongSecret = await runDoctor((await installation({ WHATSAPP_CLOUD_APP_SECRET: 'fedcba9876543210fedcba9876543210' })).ctx);
    expect(named(wrongSecret, 'WhatsApp Cloud app secret').map((r) => [r.status, r.message])).toEqual([
      ['ok', 'signed self-test passed: a webhook signed with this secret is accepted, a changed body is refused'],
      ['fail', 'WHATSAPP_CLOUD_APP_SECRET is not the secret of the app the token belongs to: every webhook from Meta would be refused'],
    ]);

    graph.templates.splice(0, graph.templates.length, { name: 'case_update', language: 'id', status: 'REJECTED' });
    const rejected = await runDoctor({ ...(await installation()).ctx, requiredTemplates: ['case_update', 'gathering_reminder'] });
    expect(named(rejected, 'WhatsApp templates').map((r) => [r.status, r.message])).toEqual([
      ['fail', 'template case_update is not approved (id: REJECTED)'],
      ['fail', 'template gathering_reminder does not exist'],
    ]);

    const noWaba = await runDoctor((await installation({ WHATSAPP_CLOUD_WABA_ID: '' })).ctx);
    expect(named(noWaba, 'WhatsApp templates')[0]).toMatchObject({ status: 'warn', fix: expect.stringMatching(/WHATSAPP_CLOUD_WABA_ID/) });
  });

  it('before the first start: no database and no data folder are explained, and the doctor creates neither', async () => {
    const { ctx } = await installation();
    const fresh = path.join(tempDataDir(), 'not-yet');
    const config = parseConfig({ DATA_DIR: fresh, TELEGRAM_API_ROOT: tg.apiRoot });
    const results = await runDoctor({ ...ctx, config, db: null });
    expect(named(results, 'Database')[0]).toMatchObject({ status: 'warn', message: `no database at ${fresh}/helpline.sqlite (DATA_DIR not set, default ./data)` });
    expect(named(results, 'Data folder')[0]).toEqual({ status: 'ok', name: 'Data folder', message: `${fresh} does not exist yet: the first npm start creates it` });
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it('a public address: plain http fails; an https address that does not reach this bot is warned about', async () => {
    const { ctx } = await installation();
    const http = await runDoctor({ ...ctx, config: parseConfig({ ...envOf(ctx.config), PUBLIC_BASE_URL: 'http://helpline.example.org', TELEGRAM_WEBHOOK_SECRET: 's' }) });
    expect(named(http, 'Public address')[0]).toMatchObject({ status: 'fail', message: expect.stringMatching(/only over HTTPS/) });
    // An https address where no TLS server listens (the fake Graph speaks plain http): not this bot.
    const notUs = await runDoctor({ ...ctx, config: parseConfig({ ...envOf(ctx.config), PUBLIC_BASE_URL: graph.root.replace('http://', 'https://'), TELEGRAM_WEBHOOK_SECRET: 's' }) });
    expect(named(notUs, 'Public address')[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/cannot be reached from here/), fix: expect.stringMatching(/reverse proxy/) });
  });

  it('a folder other users can read is warned about', async () => {
    const { ctx, config } = await installation();
    fs.chmodSync(config.DATA_DIR, 0o755);
    expect(named(await runDoctor(ctx), 'Data folder')[0]).toMatchObject({ status: 'warn', fix: `chmod 700 ${config.DATA_DIR}: it holds reports about people at risk.` });
  });

  it('WhatsApp Web: a missing browser blocks, a phone not yet linked is explained', async () => {
    const { ctx } = await installation({ WHATSAPP_WEB: 'true', CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(named(await runDoctor(ctx), 'WhatsApp Web').map((r) => [r.status, r.message, r.fix])).toEqual([
      ['fail', 'no browser at CHROMIUM_PATH (/nonexistent/chromium): WhatsApp Web cannot start', expect.stringMatching(/apt-get install -y chromium/)],
      ['warn', 'no phone linked yet', expect.stringMatching(/scan the QR code/)],
    ]);
  });

  it('clock skew: seconds pass, minutes warn, an hour fails, each with the time-sync fix', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(judgeClockSkew(new Date(now - 3000), now, 'api.telegram.org')).toEqual({ status: 'ok', name: 'Clock', message: 'within 3 s of api.telegram.org' });
    expect(judgeClockSkew(new Date(now - 10 * 60_000), now, 'api.telegram.org')).toMatchObject({ status: 'warn', message: "this machine's clock is 600 s ahead of api.telegram.org", fix: expect.stringMatching(/timedatectl set-ntp true/) });
    expect(judgeClockSkew(new Date(now + 2 * 3600_000), now, 'graph.facebook.com')).toMatchObject({ status: 'fail', message: "this machine's clock is 7200 s behind graph.facebook.com" });
  });

  it('the command prints the checklist with fixes and exits 1 when something blocks going live', async () => {
    const { config } = await installation();
    tg.notStarted.add('5550001');
    const env = {
      DATA_DIR: config.DATA_DIR,
      TELEGRAM_BOT_TOKEN: '123456:wrong',
      TELEGRAM_API_ROOT: tg.apiRoot,
      OFFICER_TELEGRAM_IDS: '5550001',
    };
    const p = runScript('scripts/doctor.ts', env, ['--timeout', '3']);
    expect((await p.exited).code).toBe(1);
    const out = p.stdout();
    expect(out).toMatch(/^Helpline \d+\.\d+\.\d+ doctor: checking the configuration/);
    expect(out).toMatch(/ {2}FAIL {2}Telegram bot +Telegram refused TELEGRAM_BOT_TOKEN \(401 Unauthorized\)/);
    expect(out).toMatch(/\n +fix: In Telegram open @BotFather/);
    expect(out).toMatch(/ {2}ok {4}Dashboard accounts +1 account\(s\) can sign in/);
    expect(out).toMatch(/1 problem\(s\) block going live/);
    expect(out).not.toContain('123456:wrong');

    const bad = runScript('scripts/doctor.ts', { DATA_DIR: config.DATA_DIR, HTTP_PORT: 'eighty' });
    expect((await bad.exited).code).toBe(1);
    expect(bad.stdout()).toContain('  FAIL  Configuration  HTTP_PORT="eighty" is invalid');
  });
});
