/** The web chat over HTTP (no browser): restarts, data deletion, transcript through the API. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import type { Config } from '../config.js';
import { systemClock } from '../core/clock.js';
import { createTestApp, testConfig } from '../testing/harness.js';
import { MAX_MEDIA_BYTES } from '../domain/cases/evidence.js';
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

/** A visitor that also posts files, reads ids and keeps the page's token instead of a cookie. */
class FileVisitor extends Visitor {
  token = '';
  async openPage(query = ''): Promise<string> {
    const res = await fetch(`${this.base}/chat${query}`);
    const page = await res.text();
    this.token = /data-token="([^"]+)"/.exec(page)![1];
    return page;
  }
  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { 'x-chat-token': this.token, ...extra };
  }
  async post(text: string, extra: Record<string, unknown> = {}): Promise<{ result: string; message: { id: number } }> {
    const res = await fetch(`${this.base}/chat/api/messages`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ text, clientId: `file-visitor-${Math.random().toString(36).slice(2)}`, ...extra }),
    });
    expect(res.status).toBe(200);
    return res.json() as Promise<{ result: string; message: { id: number } }>;
  }
  upload(data: Buffer, mime: string, name: string, clientId = `up-${Math.random().toString(36).slice(2)}`): Promise<Response> {
    return fetch(`${this.base}/chat/api/uploads`, {
      method: 'POST',
      headers: this.headers({ 'content-type': mime, 'x-file-name': encodeURIComponent(name), 'x-client-id': clientId }),
      body: new Uint8Array(data),
    });
  }
  async messages(): Promise<{ id: number; dir: string; text: string; file?: { name: string; url?: string } }[]> {
    const res = await fetch(`${this.base}/chat/api/messages?after=0`, { headers: this.headers() });
    return ((await res.json()) as { messages: { id: number; dir: string; text: string; file?: { name: string; url?: string } }[] }).messages;
  }
}

describe('web chat pieces over HTTP', () => {
  it('after "hapus data" new messages get ids above every id the page saw, so the page keeps showing them', async () => {
    const { app, base } = await startApp(testConfig());
    const v = new FileVisitor(base);
    await v.openPage('?lang=en');
    for (const text of ['menu', '6', 'delete my data']) {
      await v.post(text, { lang: 'en' });
      await app.drain();
    }
    const seenBefore = Math.max(...(await v.messages()).map((m) => m.id));
    await v.post('1');
    await app.drain();
    const after = await v.messages();
    expect(after.map((m) => m.text.split('\n')[0])).toEqual([
      app.translator.t('en', 'account.deleted'),
      "Banyuwangi Migrant Workers' Helpline. How can we help? Reply with a number:",
    ]);
    expect(Math.min(...after.map((m) => m.id))).toBeGreaterThan(seenBefore);
    // A page asking for "what is new after the last id I saw" gets the confirmation and the menu.
    const res = await fetch(`${base}/chat/api/messages?after=${seenBefore}`, { headers: { 'x-chat-token': v.token } });
    expect(((await res.json()) as { messages: unknown[] }).messages).toHaveLength(2);
  });

  it('?lang=jv speaks Javanese from the first screen and the bot skips its language menu', async () => {
    const { app, base } = await startApp(testConfig());
    const v = new FileVisitor(base);
    const page = await v.openPage('?lang=jv');
    expect(page).toContain('<html lang="jv">');
    expect(page).toContain('placeholder="Serat pesen…"');
    expect(page).toContain('>Kintun</button>');
    expect(page).toContain('>Medal enggal</button>');
    expect(page).toContain('data-preset-lang="jv"');
    await v.post('menu', { lang: 'jv' });
    await app.drain();
    expect((await v.messages()).map((m) => m.text.split('\n')[0])).toEqual([
      'menu',
      'Layanan Pambiyantu Pekerja Migran Banyuwangi. Menapa ingkang saged kula biyantu? Wangsuli mawi angka:',
    ]);
    // Without ?lang= the page speaks the default language: "Ketik pesan…", "Kirim".
    const plain = await new FileVisitor(base).openPage();
    expect(plain).toContain('<html lang="id">');
    expect(plain).toContain('placeholder="Ketik pesan…"');
    expect(plain).toContain('>Kirim</button>');
    // The texts an open page switches to when the visitor changes language in the chat.
    const en = (await (await fetch(`${base}/chat/texts?lang=en`)).json()) as Record<string, string>;
    expect(en).toMatchObject({ placeholder: 'Type a message…', send: 'Send', quickExit: 'Quick exit', you: 'You' });
  });

  it('a calendar file the bot sends is a download link, not "[gathering-1.ics]"', async () => {
    const config = testConfig();
    const channel = new WebchatChannel({ config });
    const app = createTestApp({ config, http: true, clock: systemClock, channels: [channel] });
    apps.push(app);
    await app.start();
    const v = new FileVisitor(`http://127.0.0.1:${app.port}`);
    await v.openPage('?lang=en');
    await v.post('menu', { lang: 'en' });
    const chatId = (app.db.prepare("SELECT chat_id FROM contacts WHERE channel = 'webchat'").pluck().get() as string);
    const ics = path.join(config.DATA_DIR, 'calendars', 'gathering-1-abc.ics');
    fs.mkdirSync(path.dirname(ics), { recursive: true });
    fs.writeFileSync(ics, 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    await channel.send(chatId, { text: 'Here is the calendar file.', media: { path: ics, mime: 'text/calendar', fileName: 'gathering-1.ics' } });
    fs.rmSync(ics); // pruned later: the download still works
    const last = (await v.messages()).at(-1)!;
    expect(last.text).toBe('Here is the calendar file.');
    expect(last.file).toMatchObject({ name: 'gathering-1.ics', url: `/chat/api/files/${last.id}` });
    const file = await fetch(`${v.base}${last.file!.url}`, { headers: { 'x-chat-token': v.token } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="?gathering-1\.ics"?$/);
    expect(await file.text()).toContain('BEGIN:VCALENDAR');
    // Another visitor cannot fetch it.
    const stranger = new FileVisitor(v.base);
    await stranger.openPage();
    expect((await fetch(`${v.base}${last.file!.url}`, { headers: { 'x-chat-token': stranger.token } })).status).toBe(404);
  });

  it('uploads take the same types and size limit as the other channels', async () => {
    const { base } = await startApp(testConfig());
    const v = new FileVisitor(base);
    await v.openPage('?lang=en');
    expect((await v.upload(Buffer.from('MZ executable'), 'application/x-msdownload', 'tool.exe')).status).toBe(415);
    expect((await v.upload(Buffer.alloc(MAX_MEDIA_BYTES + 1), 'image/jpeg', 'huge.jpg')).status).toBe(413);
    const ok = await v.upload(Buffer.from('fake png'), 'image/png', 'payslip.png');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { message: { text: string } }).message.text).toBe('📎 payslip.png');
    // Without the X-Client-Id header (a cross-site form cannot set one) nothing is taken.
    const form = await fetch(`${base}/chat/api/uploads`, { method: 'POST', headers: { 'x-chat-token': v.token, 'content-type': 'image/png' }, body: 'x' });
    expect(form.status).toBe(400);
  });

  it('a page that lost its cookie but kept its token gets the cookie back for that conversation', async () => {
    const { app, base } = await startApp(testConfig());
    const v = new FileVisitor(base);
    await v.openPage('?lang=en');
    await v.post('menu', { lang: 'en' });
    await app.drain();
    // Cookies cleared: the page is drawn for a new visitor, the script goes on with its stored token.
    const fresh = await fetch(`${base}/chat`);
    const newCookie = fresh.headers.get('set-cookie')!.split(';')[0];
    // Framed (no X-Chat-Top), the cookie is left alone: an embedding site cannot move it.
    const framed = await fetch(`${base}/chat/api/messages?after=0`, { headers: { cookie: newCookie, 'x-chat-token': v.token } });
    expect(framed.headers.get('set-cookie')).toBeNull();
    const res = await fetch(`${base}/chat/api/messages?after=0`, { headers: { cookie: newCookie, 'x-chat-token': v.token, 'x-chat-top': '1' } });
    expect(((await res.json()) as { messages: unknown[] }).messages.length).toBeGreaterThan(1);
    const rebound = res.headers.get('set-cookie')!.split(';')[0];
    expect(rebound).not.toBe(newCookie);
    // The next visit with that cookie opens the conversation.
    const page = await (await fetch(`${base}/chat`, { headers: { cookie: rebound } })).text();
    expect(page).toContain('How can we help?');
    expect(page).toContain(`data-token="${v.token}"`);
  });

  it('pages are compressed; over https the cookie is Partitioned; SameSite=None; Secure for embedding', async () => {
    const { base } = await startApp(testConfig({ PUBLIC_BASE_URL: 'https://helpline.example.org' }));
    const res = await fetch(`${base}/chat`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Partitioned/);
    expect(cookie).toMatch(/; SameSite=None/);
    const manifest = (await (await fetch(`${base}/chat/manifest.webmanifest?lang=en`)).json()) as { start_url: string; display: string; icons: unknown[] };
    expect(manifest).toMatchObject({ start_url: '/chat?lang=en', display: 'standalone' });
    const sw = await fetch(`${base}/chat/sw.js`);
    expect(sw.headers.get('service-worker-allowed')).toBe('/chat');
  });
});
