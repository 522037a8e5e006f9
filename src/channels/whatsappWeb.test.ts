/** whatsapp-web.js adapter with a stand-in client: message mapping, QR login, logout, watchdog, retries. */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import type { Inbound } from '../core/types.js';
import { silentLogger } from '../logger.js';
import { createTestApp, testConfig } from '../testing/harness.js';
import { retryDelayMs, type WebClientLike, WhatsAppWebChannel, type WhatsAppWebOptions } from './whatsappWeb.js';

/** Behaves like a whatsapp-web.js Client as far as the adapter can tell. */
class StandInClient extends EventEmitter implements WebClientLike {
  destroyed = 0;
  state: string | null = 'CONNECTED';
  hangGetState = false;
  readonly sent: { chatId: string; content: unknown }[] = [];
  constructor(private readonly onInit: (c: StandInClient) => void | Promise<void>) {
    super();
  }
  async initialize(): Promise<void> {
    await this.onInit(this);
  }
  async destroy(): Promise<void> {
    this.destroyed++;
  }
  getState(): Promise<string | null> {
    return this.hangGetState ? new Promise(() => undefined) : Promise.resolve(this.state);
  }
  async sendMessage(chatId: string, content: unknown): Promise<{ id: { _serialized: string } }> {
    this.sent.push({ chatId, content });
    return { id: { _serialized: `true_${chatId}_OUT${this.sent.length}` } };
  }
}

const readyAtOnce = (c: StandInClient) => void setImmediate(() => c.emit('ready'));

function setup(behaviours: ((c: StandInClient) => void | Promise<void>)[], extra: Partial<WhatsAppWebOptions> = {}) {
  const clients: StandInClient[] = [];
  const received: Inbound[] = [];
  const qrOutput = new PassThrough();
  let drawn = '';
  qrOutput.on('data', (d) => (drawn += String(d)));
  const wa = new WhatsAppWebChannel({
    config: testConfig(),
    log: silentLogger,
    qrOutput,
    retryBaseMs: 20,
    retryMaxMs: 80,
    watchdogIntervalMs: 30,
    watchdogAnswerMs: 30,
    createClient: () => {
      const c = new StandInClient(behaviours[Math.min(clients.length, behaviours.length - 1)]);
      clients.push(c);
      return c;
    },
    ...extra,
  });
  const intake = async (m: Inbound) => {
    received.push(m);
    return 'handled' as const;
  };
  return { wa, clients, received, intake, drawn: () => drawn };
}

async function until(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

let running: WhatsAppWebChannel | undefined;
let app: App | undefined;
afterEach(async () => {
  await running?.stop();
  await app?.stop();
  running = app = undefined;
});

const message = (over: Record<string, unknown>) => ({ id: { _serialized: `false_628111@c.us_${Math.random()}` }, from: '628111@c.us', type: 'chat', body: '', timestamp: 1790000000, ...over });

describe('message mapping', () => {
  it('hands direct-chat messages to intake in order and ignores groups, status, broadcasts and own messages', async () => {
    const { wa, clients, received, intake } = setup([readyAtOnce]);
    running = wa;
    await wa.start(intake);
    await until(() => wa.health().state === 'up', 'ready');
    const c = clients[0];
    c.emit('message', message({ id: { _serialized: 'false_628111@c.us_A1' }, body: 'halo' }));
    c.emit('message', message({ from: '12036@g.us', body: 'group chat' }));
    c.emit('message', message({ from: 'status@broadcast', body: 'a status', isStatus: true }));
    c.emit('message', message({ from: '628111@c.us', broadcast: true, body: 'broadcast list' }));
    c.emit('message', message({ fromMe: true, body: 'sent from the phone' }));
    c.emit('message', message({ type: 'e2e_notification' }));
    c.emit('message', message({ type: 'image', body: 'my passport', _data: { mimetype: 'image/jpeg', size: 2048 }, id: { _serialized: 'IMG1' } }));
    c.emit('message', message({ type: 'ptt', _data: { mimetype: 'audio/ogg; codecs=opus' }, id: { _serialized: 'PTT1' } }));
    c.emit('message', message({ type: 'audio', id: { _serialized: 'AUD1' } }));
    c.emit('message', message({ type: 'document', body: 'kontrak.pdf', _data: { mimetype: 'application/pdf', filename: 'kontrak.pdf' }, id: { _serialized: 'DOC1' } }));
    c.emit('message', message({ type: 'video', id: { _serialized: 'VID1' } }));
    c.emit('message', message({ type: 'sticker', id: { _serialized: 'STK1' } }));
    c.emit('message', message({ type: 'location', location: { latitude: '25.03', longitude: '121.56' } }));
    c.emit('message', message({ from: '1234567@lid', body: 'hidden number' }));
    await until(() => received.length === 9, 'nine messages');
    await new Promise((r) => setTimeout(r, 20)); // nothing else arrives
    expect(received).toHaveLength(9);
    expect(received[0]).toEqual({ channel: 'whatsapp-web', chatId: '628111@c.us', platformId: 'false_628111@c.us_A1', text: 'halo', receivedAt: 1790000000000 });
    expect(received.map((m) => [m.text, m.media?.kind, m.media?.ref])).toEqual([
      ['halo', undefined, undefined],
      ['my passport', 'image', 'IMG1'],
      ['', 'voice', 'PTT1'],
      ['', 'audio', 'AUD1'],
      ['', 'document', 'DOC1'],
      ['', 'video', 'VID1'],
      ['', 'sticker', 'STK1'],
      ['', 'location', undefined],
      ['hidden number', undefined, undefined],
    ]);
    expect(received[1].media).toEqual({ kind: 'image', ref: 'IMG1', mime: 'image/jpeg', size: 2048 });
    expect(received[4].media).toEqual({ kind: 'document', ref: 'DOC1', mime: 'application/pdf', fileName: 'kontrak.pdf' });
    expect(received[7].media).toEqual({ kind: 'location', latitude: 25.03, longitude: 121.56 });
  });

  it('sends the numbered text and returns the message id; refuses (transiently) while not connected', async () => {
    const { wa, clients, intake } = setup([readyAtOnce]);
    running = wa;
    await expect(wa.send('628111@c.us', { text: 'x' })).rejects.toMatchObject({ kind: 'transient' });
    await wa.start(intake);
    await until(() => wa.health().state === 'up', 'ready');
    const res = await wa.send('628111@c.us', { text: 'Pilih:\n\n1. Ya\n2. Tidak', choices: [{ key: '1', label: 'Ya' }, { key: '2', label: 'Tidak' }] });
    expect(clients[0].sent).toEqual([{ chatId: '628111@c.us', content: 'Pilih:\n\n1. Ya\n2. Tidak' }]);
    expect(res.platformMessageId).toBe('true_628111@c.us_OUT1');
  });
});

describe('connection lifecycle', () => {
  it('waits for a QR login (drawn in the terminal), then is up', async () => {
    let login!: () => void;
    const { wa, clients, intake, drawn } = setup([
      (c) => {
        setImmediate(() => c.emit('qr', '2@abcdefghijklmnop'));
        login = () => c.emit('ready');
      },
    ]);
    running = wa;
    await wa.start(intake);
    await until(() => wa.health().state === 'waiting_for_qr', 'the QR');
    expect(wa.currentQr()).toBe('2@abcdefghijklmnop');
    // The dashboard's Channels page draws the same value for admins.
    expect(wa.loginQr()).toBe('2@abcdefghijklmnop');
    await until(() => drawn().includes('Scan with WhatsApp'), 'the terminal QR');
    expect(drawn()).toMatch(/[▀▄█]/);
    login();
    expect(wa.health().state).toBe('up');
    expect(wa.currentQr()).toBeUndefined();
    expect(wa.loginQr()).toBeUndefined();
    expect(clients).toHaveLength(1);
  });

  it('after a logout: degraded "logged out", the client destroyed, and a new attempt asks for a new QR', async () => {
    const { wa, clients, intake } = setup([readyAtOnce, (c) => void setImmediate(() => c.emit('qr', 'NEW-QR'))]);
    running = wa;
    await wa.start(intake);
    await until(() => wa.health().state === 'up', 'ready');
    clients[0].emit('disconnected', 'LOGOUT');
    expect(wa.health()).toMatchObject({ state: 'degraded', detail: 'logged out: LOGOUT (retry in 0 s)', stats: { failedAttempts: 1 } });
    await until(() => clients[0].destroyed === 1, 'destroy');
    await until(() => wa.health().state === 'waiting_for_qr', 'the new QR');
    expect(clients).toHaveLength(2);
    expect(wa.currentQr()).toBe('NEW-QR');
    // Late events from the old client change nothing.
    clients[0].emit('ready');
    expect(wa.health().state).toBe('waiting_for_qr');
  });

  it('the watchdog notices a silent disconnect, destroys the client and reconnects', async () => {
    const { wa, clients, intake } = setup([readyAtOnce]);
    running = wa;
    await wa.start(intake);
    await until(() => wa.health().state === 'up', 'ready');
    await new Promise((r) => setTimeout(r, 80)); // a few healthy watchdog rounds
    expect(wa.health().state).toBe('up');
    clients[0].hangGetState = true; // the page stopped answering
    await until(() => wa.health().state === 'degraded', 'the watchdog');
    expect(wa.health().detail).toMatch(/^unreachable: watchdog: getState\(\) did not finish/);
    await until(() => clients.length === 2 && wa.health().state === 'up', 'the reconnect');
    expect(clients[0].destroyed).toBe(1);
    expect(wa.health().stats?.failedAttempts).toBe(0);
    clients[1].state = 'UNPAIRED';
    await until(() => wa.health().state !== 'up', 'the second watchdog alarm');
    expect(wa.health().detail).toMatch(/^unreachable: watchdog: WhatsApp Web state is UNPAIRED/);
  });

  it('an auth failure or a failing start backs off exponentially up to the cap', async () => {
    const { wa, clients, intake } = setup([
      (c) => void setImmediate(() => c.emit('auth_failure', 'session restore failed')),
      async () => {
        throw new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
      },
    ]);
    running = wa;
    await wa.start(intake);
    await until(() => wa.health().detail?.startsWith('auth failure') === true, 'the auth failure');
    expect(wa.health().detail).toBe('auth failure: session restore failed (retry in 0 s)');
    await until(() => clients.length >= 5, 'five attempts');
    expect(wa.health().detail).toMatch(/^unreachable: net::ERR_NAME_NOT_RESOLVED/);
    expect(clients.slice(0, 4).every((c) => c.destroyed >= 1)).toBe(true);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 20, 80))).toEqual([20, 40, 80, 80, 80]);
    await wa.stop();
    const n = clients.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(clients.length).toBe(n); // no retries after stop
    expect(wa.health().state).toBe('off');
  });
});

describe('QR page', () => {
  it('shows the current QR as SVG to officers with the bearer token, and 404 when there is none', async () => {
    let login!: () => void;
    const { wa } = setup([
      (c) => {
        setImmediate(() => c.emit('qr', 'QR-FOR-PAGE'));
        login = () => c.emit('ready');
      },
    ]);
    app = createTestApp({ env: { ADMIN_API_TOKEN: 'officer-token-Qm8ZpX2vL7kR4nB9wT5yC1jH' }, channels: [wa], http: true });
    await app.start();
    await until(() => wa.health().state === 'waiting_for_qr', 'the QR');
    const url = `http://127.0.0.1:${app.port}/api/whatsapp/qr`;
    expect((await fetch(url)).status).toBe(401);
    const page = await fetch(url, { headers: { authorization: 'Bearer officer-token-Qm8ZpX2vL7kR4nB9wT5yC1jH' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('image/svg+xml');
    expect(await page.text()).toContain('<svg');
    login();
    expect((await fetch(url, { headers: { authorization: 'Bearer officer-token-Qm8ZpX2vL7kR4nB9wT5yC1jH' } })).status).toBe(404);
  });
});
