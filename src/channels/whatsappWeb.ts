/**
 * WhatsApp through whatsapp-web.js (unofficial: a headless Chromium runs WhatsApp Web, logged in by
 * scanning a QR code once). The library has no start-up timeout and can hang or break when WhatsApp
 * Web changes, so this adapter adds its own: a start-up timeout, destroy() after every failure,
 * retries with capped exponential backoff, and a watchdog for a connection that died silently.
 * While it is down the rest of the bot keeps running and /api/health says why.
 */
import path from 'node:path';
import type { Writable } from 'node:stream';
import QRCode from 'qrcode';
import wweb from 'whatsapp-web.js';
import type { Config } from '../config.js';
import { SendError } from '../core/errors.js';
import type { Channel, ChannelHealth, Intake, Outbound, SendResult } from '../core/types.js';
import { type Logger, chatTag } from '../logger.js';
import { convertMessageToInbound, type WebMessageLike } from './whatsappWeb/convertMessageToInbound.js';
import type { QrSource } from '../features/channelStatus/channelStatus.js';

const { Client, LocalAuth, MessageMedia } = wweb;

/** initialize() must finish within this (the library itself would wait forever). */
export const START_TIMEOUT_MS = 120_000;
/** destroy() may hang on a wedged browser; after this the browser process is killed. */
export const DESTROY_TIMEOUT_MS = 15_000;
/** Retry after a failure: 10 s, 20 s, 40 s ... at most 10 minutes. */
export const RETRY_BASE_MS = 10_000;
export const RETRY_MAX_MS = 10 * 60_000;
/** How often the watchdog asks WhatsApp Web for its state while up, and how long it waits for an answer. */
export const WATCHDOG_INTERVAL_MS = 60_000;
export const WATCHDOG_ANSWER_MS = 20_000;
/** Chromium flags for a server without a display or a user namespace sandbox. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-setuid-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run', '--mute-audio'];

/** The parts of a whatsapp-web.js Client this adapter uses (tests pass a stand-in EventEmitter). */
export interface WebClientLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- event payloads differ per event
  on(event: string, listener: (...args: any[]) => void): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  getState(): Promise<string | null>;
  sendMessage(chatId: string, content: unknown, options?: Record<string, unknown>): Promise<{ id: { _serialized: string } }>;
  getMessageById?(id: string): Promise<{ downloadMedia(): Promise<{ mimetype: string; data: string } | undefined> } | undefined>;
}

export interface WhatsAppWebOptions {
  config: Pick<Config, 'DATA_DIR' | 'CHROMIUM_PATH'>;
  log: Logger;
  /** Builds a client for each connection attempt; default: the real whatsapp-web.js Client. */
  createClient?: () => WebClientLike;
  /** Loads a file to send as media; default: whatsapp-web.js MessageMedia.fromFilePath. */
  loadMedia?: (filePath: string) => unknown;
  /** Where the login QR is drawn; default stdout. */
  qrOutput?: Writable;
  startTimeoutMs?: number;
  destroyTimeoutMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  watchdogIntervalMs?: number;
  watchdogAnswerMs?: number;
}

export type DegradedReason = 'unreachable' | 'logged out' | 'auth failure' | 'disconnected';

/** The session folder (LocalAuth) under DATA_DIR; the browser profile lives in `<it>/session`. */
export function sessionDir(dataDir: string): string {
  return path.join(dataDir, '.wwebjs_auth');
}

/** The real client: LocalAuth session in DATA_DIR, Debian's Chromium, headless. */
export function createRealClient(config: Pick<Config, 'DATA_DIR' | 'CHROMIUM_PATH'>): WebClientLike {
  return new Client({
    authStrategy: new LocalAuth({ dataPath: sessionDir(config.DATA_DIR) }),
    webVersionCache: { type: 'local', path: path.join(config.DATA_DIR, '.wwebjs_cache') },
    puppeteer: { executablePath: config.CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
  }) as unknown as WebClientLike;
}

/** Exponential backoff for the n-th consecutive failure (1-based), capped. */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
}

class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${Math.round(ms / 1000)} s`);
    this.name = 'TimeoutError';
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms)))]).finally(() => clearTimeout(timer));
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 200);

export class WhatsAppWebChannel implements Channel, QrSource {
  readonly name = 'whatsapp-web' as const;
  private intake?: Intake;
  private client?: WebClientLike;
  /** Bumped on every attempt and failure: events of an older client are ignored. */
  private generation = 0;
  private state: ChannelHealth = { state: 'off' };
  private qr?: string;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private watchdog?: NodeJS.Timeout;
  private stopped = true;
  private chain: Promise<unknown> = Promise.resolve();
  /** When the next connection attempt is due (ms since epoch), while one is scheduled. */
  nextRetryAt?: number;
  /** Connection attempts made since start (for tests and logs). */
  attempts = 0;
  private readonly o: Required<Omit<WhatsAppWebOptions, 'createClient' | 'loadMedia' | 'qrOutput'>> & Pick<WhatsAppWebOptions, 'qrOutput'>;
  private readonly createClient: () => WebClientLike;
  private readonly loadMedia: (filePath: string) => unknown;

  constructor(opts: WhatsAppWebOptions) {
    this.o = {
      startTimeoutMs: START_TIMEOUT_MS,
      destroyTimeoutMs: DESTROY_TIMEOUT_MS,
      retryBaseMs: RETRY_BASE_MS,
      retryMaxMs: RETRY_MAX_MS,
      watchdogIntervalMs: WATCHDOG_INTERVAL_MS,
      watchdogAnswerMs: WATCHDOG_ANSWER_MS,
      ...opts,
    };
    this.createClient = opts.createClient ?? (() => createRealClient(opts.config));
    this.loadMedia = opts.loadMedia ?? ((p) => MessageMedia.fromFilePath(p));
  }

  /** Starts connecting in the background and returns at once: the bot never waits for WhatsApp. */
  async start(intake: Intake): Promise<void> {
    this.intake = intake;
    this.stopped = false;
    this.failures = 0;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    this.nextRetryAt = undefined;
    this.qr = undefined;
    const client = this.client;
    this.client = undefined;
    this.state = { state: 'off' };
    if (client) await this.destroyClient(client);
    await this.chain.catch(() => undefined);
  }

  health(): ChannelHealth {
    return { ...this.state, stats: { failedAttempts: this.failures } };
  }

  /** The QR string to scan while waiting for login (shown at GET /api/whatsapp/qr). */
  currentQr(): string | undefined {
    return this.state.state === 'waiting_for_qr' ? this.qr : undefined;
  }

  /** The same QR for the dashboard's Channels page (admins only). */
  loginQr(): string | undefined {
    return this.currentQr();
  }

  /** Sends the rendered text (menus are already numbered); transient while not connected. */
  async send(chatId: string, msg: Outbound): Promise<SendResult> {
    const client = this.client;
    if (!client || this.state.state !== 'up') {
      throw new SendError(`WhatsApp Web is not connected (${this.state.state}${this.state.detail ? `: ${this.state.detail}` : ''})`, 'transient');
    }
    try {
      const sent = msg.media
        ? await client.sendMessage(chatId, this.loadMedia(msg.media.path), { caption: msg.text || undefined })
        : await client.sendMessage(chatId, msg.text);
      return { platformMessageId: sent?.id?._serialized };
    } catch (err) {
      // The library gives no error codes; most failures are a page in a bad state: retry.
      throw new SendError(`WhatsApp Web send failed: ${errorText(err)}`, 'transient');
    }
  }

  /** Downloads a received attachment by its message id (works while connected). */
  async fetchMedia(ref: string): Promise<{ data: Buffer; mime: string }> {
    const found = await this.client?.getMessageById?.(ref);
    const media = await found?.downloadMedia();
    if (!media) throw new Error('WhatsApp Web media is not available (not connected, or the message is gone from the phone)');
    return { data: Buffer.from(media.data, 'base64'), mime: media.mimetype };
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.nextRetryAt = undefined;
    const gen = ++this.generation;
    this.attempts++;
    this.state = { state: 'connecting' };
    let client: WebClientLike;
    try {
      client = this.createClient();
    } catch (err) {
      this.client = undefined;
      await this.fail(gen, 'unreachable', `could not create the client: ${errorText(err)}`);
      return;
    }
    this.client = client;
    this.wire(client, gen);
    this.o.log.info({ attempt: this.attempts }, 'WhatsApp Web: starting');
    const init = client.initialize();
    try {
      await withTimeout(init, this.o.startTimeoutMs, 'WhatsApp Web start-up');
      // stop() or a failure event came while the browser was still starting: close what started.
      if (this.client !== client) await this.destroyClient(client);
    } catch (err) {
      // A browser that starts after the timeout must not be left running: destroy again once init settles.
      if (err instanceof TimeoutError) init.then(() => this.destroyClient(client), () => this.destroyClient(client));
      if (this.client !== client) await this.destroyClient(client); // stopped meanwhile: just clean up
      else await this.fail(gen, 'unreachable', errorText(err));
    }
  }

  private wire(client: WebClientLike, gen: number): void {
    const current = () => gen === this.generation && !this.stopped;
    client.on('qr', (qr: string) => {
      if (!current()) return;
      this.qr = qr;
      this.state = { state: 'waiting_for_qr', detail: 'scan the QR code in the terminal or at GET /api/whatsapp/qr' };
      this.o.log.warn('WhatsApp Web needs a login: scan the QR code (terminal or GET /api/whatsapp/qr) with the helpline phone');
      QRCode.toString(qr, { type: 'terminal', small: true })
        .then((art) => (this.o.qrOutput ?? process.stdout).write(`\nScan with WhatsApp on the helpline phone (Linked devices):\n${art}\n`))
        .catch((err) => this.o.log.warn({ err: errorText(err) }, 'could not draw the QR code'));
    });
    client.on('authenticated', () => current() && this.o.log.info('WhatsApp Web: authenticated'));
    client.on('ready', () => {
      if (!current()) return;
      this.qr = undefined;
      this.failures = 0;
      this.state = { state: 'up' };
      this.o.log.info('WhatsApp Web: ready');
      this.startWatchdog(client, gen);
    });
    client.on('auth_failure', (message: string) => void this.fail(gen, 'auth failure', String(message)));
    client.on('disconnected', (reason: string) => void this.fail(gen, reason === 'LOGOUT' ? 'logged out' : 'disconnected', String(reason)));
    client.on('change_state', (s: string) => current() && this.o.log.debug({ waState: s }, 'WhatsApp Web state changed'));
    client.on('message', (m: WebMessageLike) => {
      if (!current()) return;
      const inbound = convertMessageToInbound(m, Date.now());
      const intake = this.intake;
      if (!inbound || !intake) return;
      // One at a time, in arrival order: each turn commits before the next message is handed over.
      this.chain = this.chain
        .then(() => intake(inbound))
        .catch((err) => this.o.log.error({ err: errorText(err), chat: chatTag(this.name, inbound.chatId) }, 'WhatsApp Web message not handled'));
    });
  }

  private startWatchdog(client: WebClientLike, gen: number): void {
    clearInterval(this.watchdog);
    let checking = false;
    this.watchdog = setInterval(() => {
      if (checking || gen !== this.generation) return;
      checking = true;
      withTimeout(client.getState(), this.o.watchdogAnswerMs, 'getState()')
        .then((s) => (s === 'CONNECTED' ? undefined : this.fail(gen, 'unreachable', `watchdog: WhatsApp Web state is ${s ?? 'unknown'}`)))
        .catch((err) => this.fail(gen, 'unreachable', `watchdog: ${errorText(err)}`))
        .finally(() => (checking = false));
    }, this.o.watchdogIntervalMs);
    this.watchdog.unref();
  }

  /** Marks the channel degraded, destroys the client and schedules the next attempt. Once per attempt. */
  private async fail(gen: number, reason: DegradedReason, detail: string): Promise<void> {
    if (gen !== this.generation || this.stopped) return;
    this.generation++;
    clearInterval(this.watchdog);
    this.qr = undefined;
    this.failures++;
    const delay = retryDelayMs(this.failures, this.o.retryBaseMs, this.o.retryMaxMs);
    this.state = { state: 'degraded', detail: `${reason}: ${detail} (retry in ${Math.round(delay / 1000)} s)` };
    this.o.log.warn({ reason, detail, failures: this.failures, retryInMs: delay }, 'WhatsApp Web is down; the rest of the bot keeps running');
    const client = this.client;
    this.client = undefined;
    if (client) await this.destroyClient(client);
    if (this.stopped) return;
    this.nextRetryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  private async destroyClient(client: WebClientLike): Promise<void> {
    try {
      await withTimeout(client.destroy(), this.o.destroyTimeoutMs, 'WhatsApp Web destroy()');
    } catch (err) {
      this.o.log.warn({ err: errorText(err) }, 'WhatsApp Web destroy() failed; killing the browser');
    }
    // destroy() closes the browser only if puppeteer still sees it connected: make sure it is gone.
    const proc = (client as { pupBrowser?: { process?(): { exitCode: number | null; kill(sig: string): boolean } | null } }).pupBrowser?.process?.();
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
  }
}
