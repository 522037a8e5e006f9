/**
 * whatsapp-web.js with the REAL library and Debian's Chromium, with no WhatsApp reachable (tests
 * have no network beyond 127.0.0.1): the channel must report why, leave no browser behind, plan a
 * retry, and the rest of the bot must keep answering.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { silentLogger } from '../logger.js';
import { createTestApp, RecordingChannel, testConfig, TestUser } from '../testing/harness.js';
import { sessionDir, WhatsAppWebChannel } from './whatsappWeb.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium processes started with this profile folder (LocalAuth's user-data-dir). */
function browsersFor(dataDir: string): number {
  try {
    return execFileSync('pgrep', ['-f', '--', sessionDir(dataDir)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length;
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
}

async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('WhatsApp Web with WhatsApp unreachable (real whatsapp-web.js + Chromium)', () => {
  it('reports degraded with the reason, destroys the browser, schedules a retry, and the bot keeps answering elsewhere', async () => {
    const config = testConfig({ WHATSAPP_WEB: 'true', CHROMIUM_PATH: CHROMIUM, ADMIN_API_TOKEN: 'officer-token-Qm8ZpX2vL7kR4nB9wT5yC1jH' });
    const wa = new WhatsAppWebChannel({ config, log: silentLogger, startTimeoutMs: 25_000, retryBaseMs: 60_000 });
    const other = new RecordingChannel('console');
    app = createTestApp({ config, channels: [wa, other], http: true });
    const started = Date.now();
    await app.start();
    expect(Date.now() - started).toBeLessThan(2_000); // start() does not wait for WhatsApp
    expect(wa.health().state).toBe('connecting');

    // Meanwhile a person on another channel is answered normally.
    const user = new TestUser(app, 'web-1', 'console');
    expect((await user.say('halo'))[0]).toContain('Pilih bahasa');
    await app.drain();
    expect(other.textsTo('web-1')).toHaveLength(1);

    let sawBrowser = false;
    await waitFor(() => {
      sawBrowser ||= browsersFor(config.DATA_DIR) > 0;
      return wa.nextRetryAt !== undefined;
    }, 40_000, 'the first attempt to fail');
    expect(sawBrowser).toBe(true); // the real Chromium was started ...
    expect(browsersFor(config.DATA_DIR)).toBe(0); // ... and is gone after the failure

    const health = (await (await fetch(`http://127.0.0.1:${app.port}/api/health`)).json()) as {
      status: string;
      channels: Record<string, { state: string; detail?: string; stats?: Record<string, number> }>;
    };
    expect(health.status).toBe('degraded');
    expect(health.channels['whatsapp-web'].state).toBe('degraded');
    expect(health.channels['whatsapp-web'].detail).toMatch(/^unreachable: .*(ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION|did not finish).*\(retry in 60 s\)$/);
    expect(health.channels['whatsapp-web'].stats?.failedAttempts).toBe(1);
    expect(health.channels.console.state).toBe('up');
    expect(wa.nextRetryAt! - Date.now()).toBeGreaterThan(50_000);

    // No QR to show, and sends wait for the connection instead of failing for good.
    const qr = await fetch(`http://127.0.0.1:${app.port}/api/whatsapp/qr`, { headers: { authorization: 'Bearer officer-token-Qm8ZpX2vL7kR4nB9wT5yC1jH' } });
    expect(qr.status).toBe(404);
    await expect(wa.send('628@c.us', { text: 'x' })).rejects.toMatchObject({ kind: 'transient' });

    // The bot still answers after the failure.
    expect((await user.say('2'))[0]).toContain('English');
  }, 60_000);

  it('a start-up that exceeds its timeout is abandoned and the browser that started late is destroyed too', async () => {
    const config = testConfig({ WHATSAPP_WEB: 'true', CHROMIUM_PATH: CHROMIUM });
    const wa = new WhatsAppWebChannel({ config, log: silentLogger, startTimeoutMs: 150, retryBaseMs: 60_000 });
    await wa.start(async () => 'handled');
    await waitFor(() => wa.nextRetryAt !== undefined, 10_000, 'the timeout');
    expect(wa.health()).toMatchObject({ state: 'degraded', detail: 'unreachable: WhatsApp Web start-up did not finish within 0 s (retry in 60 s)' });
    // initialize() goes on in the background; when it settles its browser is destroyed as well.
    let sawBrowser = false;
    await waitFor(() => {
      const n = browsersFor(config.DATA_DIR);
      sawBrowser ||= n > 0;
      return sawBrowser && n === 0;
    }, 40_000, 'the late browser to be destroyed');
    await wa.stop();
    expect(wa.health().state).toBe('off');
    expect(wa.nextRetryAt).toBeUndefined();
  }, 60_000);

  it('stop() while Chromium is still starting leaves no browser behind', async () => {
    const config = testConfig({ WHATSAPP_WEB: 'true', CHROMIUM_PATH: CHROMIUM });
    const wa = new WhatsAppWebChannel({ config, log: silentLogger, startTimeoutMs: 25_000, retryBaseMs: 60_000 });
    await wa.start(async () => 'handled');
    await wa.stop(); // initialize() is still launching the browser
    let sawBrowser = false;
    await waitFor(() => {
      const n = browsersFor(config.DATA_DIR);
      sawBrowser ||= n > 0;
      return sawBrowser && n === 0;
    }, 40_000, 'the browser that was starting to be closed');
    expect(wa.health().state).toBe('off');
    expect(wa.nextRetryAt).toBeUndefined();
  }, 60_000);
});
