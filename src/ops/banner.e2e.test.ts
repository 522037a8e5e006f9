/**
 * The start-up banner of the real process (`npm start`) against the fake Bot API: on a terminal
 * (LOG_FORMAT=pretty) readable lines and the banner; otherwise JSON lines with the same facts as fields.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../testing/fakeTelegram.js';
import { tempDataDir } from '../testing/harness.js';
import { type Proc, runScript } from '../testing/processes.js';
import { type BannerInfo, renderBanner } from './banner.js';
import { appVersion } from './version.js';

const WHATSAPP_OFFICER = '6281234567890';
let tg: FakeTelegram;
let proc: Proc | undefined;

beforeEach(async () => {
  tg = await FakeTelegram.start();
  tg.notStarted.add('5550003');
});

afterEach(async () => {
  if (proc && proc.child.exitCode === null) proc.child.kill('SIGKILL');
  await tg.close();
});

function start(dir: string, env: Record<string, string> = {}): Proc {
  proc = runScript('src/main.ts', {
    DATA_DIR: dir,
    HTTP_PORT: '0',
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    OFFICER_TELEGRAM_IDS: '5550001,5550002,5550003',
    OFFICER_WHATSAPP_NUMBERS: WHATSAPP_OFFICER,
    ...env,
  });
  return proc;
}

describe('start-up that explains itself', () => {
  it('on a terminal: readable log lines, then a banner with version, database, addresses, channels, officer chats and accounts', async () => {
    const dir = tempDataDir();
    const p = start(dir, { LOG_FORMAT: 'pretty' });
    await p.waitFor(/Check everything before going live: npm run doctor\n/, 30_000);
    const out = p.stdout();
    const port = out.match(/Web chat +http:\/\/localhost:(\d+)\/chat/)![1];
    const banner = out.slice(out.indexOf('Helpline '));
    expect(banner).toBe(
      [
        `Helpline ${appVersion()} is running`,
        `  Database            ${dir}/helpline.sqlite (DATA_DIR from the environment; new, created now)`,
        `  Web chat            http://localhost:${port}/chat`,
        `  Dashboard           http://localhost:${port}/dashboard`,
        `  Health              http://localhost:${port}/api/health`,
        `  Channels            telegram up (long polling)`,
        `                      whatsapp-web off (set WHATSAPP_WEB=true)`,
        `                      whatsapp-cloud off (set the four WHATSAPP_CLOUD_* variables)`,
        `                      webchat up (0 open chat windows)`,
        `  Officer chats       Telegram 2 of 3 reachable (1 never pressed Start or cannot be reached: run npm run doctor); WhatsApp 1 number (checked when they write)`,
        `  Dashboard accounts  none yet: run npm run add-officer`,
        `  Check everything before going live: npm run doctor`,
        ``,
        ``,
      ].join('\n'),
    );
    // Log lines before it are for people: a time, a level, a message; no JSON, no epoch milliseconds.
    const logLines = out.slice(0, out.indexOf('Helpline ')).split('\n').filter(Boolean);
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] (INFO|WARN|ERROR): /);
    // Officer chats are counted, never listed; no token, no phone number.
    for (const secret of [tg.token, WHATSAPP_OFFICER, '5550003']) expect(out).not.toContain(secret);

    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toMatch(/INFO: stopped cleanly/);
  });

  it('under systemd (not a terminal): JSON lines with ISO times, the banner facts as fields of one line, no banner text', async () => {
    const dir = tempDataDir();
    const p = start(dir);
    await p.waitFor(/helpline running: health at http:\/\/localhost:\d+\/api\/health/, 30_000);
    const lines = p.stdout().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const l of lines) expect(l.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const running = lines.find((l) => String(l.msg).startsWith('helpline running'))!;
    expect(running).toMatchObject({
      version: appVersion(),
      database: { path: `${dir}/helpline.sqlite`, origin: 'DATA_DIR from the environment', created: true },
      officers: { telegram: { configured: 3, reachable: 2 }, whatsapp: 1 },
      dashboardAccounts: 0,
    });
    expect(running.channels).toContainEqual({ name: 'telegram', state: 'up', detail: 'long polling' });
    expect(p.stdout()).not.toContain('Dashboard accounts');
    expect(p.stdout()).not.toContain(WHATSAPP_OFFICER);
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);
  });

  it('renders accounts, a public address and a missing officer set-up', () => {
    const info: BannerInfo = {
      version: '1.2.3',
      database: { path: '/srv/helpline/data/helpline.sqlite', origin: 'DATA_DIR from .env', created: false },
      urls: { base: 'https://helpline.example.go.id', chat: 'https://helpline.example.go.id/chat', dashboard: 'https://helpline.example.go.id/dashboard', health: 'https://helpline.example.go.id/api/health' },
      channels: [{ name: 'telegram', state: 'degraded', detail: 'Telegram rejected the bot token (401): check TELEGRAM_BOT_TOKEN with @BotFather' }],
      officers: { telegram: { configured: 0, reachable: 0 }, whatsapp: 0 },
      dashboardAccounts: 3,
    };
    const text = renderBanner(info);
    expect(text).toContain('  Database            /srv/helpline/data/helpline.sqlite (DATA_DIR from .env)\n');
    expect(text).toContain('  Dashboard           https://helpline.example.go.id/dashboard\n');
    expect(text).toContain('  Channels            telegram degraded (Telegram rejected the bot token (401): check TELEGRAM_BOT_TOKEN with @BotFather)\n');
    expect(text).toContain('  Officer chats       none configured: set OFFICER_TELEGRAM_IDS, or npm run add-officer -- --chat telegram:ID\n');
    expect(text).toContain('  Dashboard accounts  3\n');
  });
});
