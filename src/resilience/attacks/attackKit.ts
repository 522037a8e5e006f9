/** Shared set-up of the attack suite: the real app with the web chat on HTTP_PORT=0, behind a trusted proxy. */
import type { App } from '../../app.js';
import { WebchatChannel, type WebchatOptions } from '../../channels/webchat.js';
import { systemClock } from '../../core/clock.js';
import type { Channel } from '../../core/types.js';
import { createTestApp, testConfig } from '../../testing/harness.js';
import { WebVisitor } from '../../testing/webVisitor.js';
import { casesTestEnv } from '../../testing/cases.js';

/** Starts the real server with the web chat; TRUST_PROXY=loopback so tests can play many addresses. */
export async function startWebApp(env: Record<string, string> = {}, channels: Channel[] = [], webchat: Partial<WebchatOptions> = {}): Promise<{ app: App; base: string }> {
  const config = testConfig({ TRUST_PROXY: 'loopback', RATE_LIMIT_MESSAGES: '20', ...casesTestEnv, ...env });
  const app = createTestApp({ config, http: true, clock: systemClock, channels: [new WebchatChannel({ config, ...webchat }), ...channels] });
  await app.start();
  return { app, base: `http://127.0.0.1:${app.port}` };
}

/** A new anonymous visitor who chose English, declined announcements and is at the main menu. */
export async function englishVisitor(base: string, address?: string): Promise<WebVisitor> {
  const v = new WebVisitor(base, address);
  await v.open();
  for (const t of ['hi', '2', '2']) await v.post(t);
  return v;
}

/** A documentation-range address (RFC 5737) numbered n, for playing many clients. */
export function addressNo(n: number): string {
  return `198.51.${100 + Math.floor(n / 250)}.${(n % 250) + 1}`;
}
