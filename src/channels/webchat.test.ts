/** The web chat over HTTP (no browser): restarts, data deletion, transcript through the API. */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import type { Config } from '../config.js';
import { systemClock } from '../core/clock.js';
import { createTestApp, testConfig } from '../testing/harness.js';
import { WebchatChannel } from './webchat.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

async function startApp(config: Config): Promise<{ app: App; base: string }> {
  const app = createTestApp({ config, http: true, clock: systemClock, channels: [new WebchatChannel({ config })] });
  apps.push(app);
  await app.start();
  return { app, base: `http://127.0.0.1:${app.port}` };
}

/** A visitor without a browser: keeps the cookie, posts, and reads the stored conversation. */
class Visitor {
  private cookie = '';
  private seq = 0;
  constructor(public base: string) {}
  async open(): Promise<void> {
    const res = await fetch(`${this.base}/chat`, { headers: this.cookie ? { cookie: this.cookie } : {} });
    this.cookie ||= (res.headers.get('set-cookie') ?? '').split(';')[0];
  }
  async say(text: string): Promise<void> {
    const res = await fetch(`${this.base}/chat/api/messages`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ text, clientId: `msg-${Date.now()}-${++this.seq}` }),
    });
    expect(res.status).toBe(200);
  }
  async transcript(): Promise<string[]> {
    const res = await fetch(`${this.base}/chat/api/messages?after=0`, { headers: { cookie: this.cookie } });
    const body = (await res.json()) as { messages: { dir: string; text: string }[] };
    return body.messages.map((m) => `${m.dir === 'in' ? '>' : '<'} ${m.text.split('\n')[0]}`);
  }
}

describe('web chat over HTTP', () => {
  it('the cookie and the conversation survive a restart of the bot', async () => {
    const config = testConfig();
    const first = await startApp(config);
    const v = new Visitor(first.base);
    await v.open();
    await v.say('halo');
    await v.say('2');
    await first.app.drain();
    const before = await v.transcript();
    expect(before).toEqual([
      '> halo',
      '< Selamat datang di layanan bantuan Pekerja Migran Indonesia.',
      '> 2',
      '< Fine, we will continue in English. Type *language* at any time to change it.',
      '< Would you like to receive announcements from this service (for example online gathering dates, warnings about job scams and assistance programs)? You can stop them at any time by typing *stop*.',
    ]);
    await first.app.stop();

    const second = await startApp(config);
    v.base = second.base;
    expect(await v.transcript()).toEqual(before);
    await v.say('menu');
    await second.app.drain();
    expect((await v.transcript()).slice(-2)).toEqual(['> menu', "< Banyuwangi Migrant Workers' Helpline. How can we help? Reply with a number:"]);
  });

  it('"delete my data" also erases the stored web chat conversation', async () => {
    const { app, base } = await startApp(testConfig());
    const v = new Visitor(base);
    await v.open();
    for (const text of ['halo', '3', 'hapus data', '1']) {
      await v.say(text);
      await app.drain();
    }
    expect(await v.transcript()).toEqual([
      '< Data pribadi panjenengan sampun kabusak. Pambusakan menika kacathet (tanpa isi pesen).',
      '< Layanan Pambiyantu Pekerja Migran Banyuwangi. Menapa ingkang saged kula biyantu? Wangsuli mawi angka:',
    ]);
  });
});
