/**
 * The Telegram channel on grammY. Long polling by default; webhook mode (POST /webhooks/telegram,
 * checked against TELEGRAM_WEBHOOK_SECRET) when a public base URL is configured.
 *
 * An update is acknowledged to Telegram only after its turn is committed: in polling mode the
 * offset moves past an update once `intake` resolved; in webhook mode the HTTP answer waits for
 * `intake`. A message refused during shutdown is not acknowledged, so Telegram delivers it again
 * after the restart; repeats are dropped by the router (platformId = update_id).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router as ExpressRouter } from 'express';
import { type Api, Bot, BotError, InputFile, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import { type Clock, systemClock } from '../core/clock.js';
import { SendError, StorageUnavailableError } from '../core/errors.js';
import type { Channel, ChannelHealth, Intake, Outbound, SendResult } from '../core/types.js';
import { type Logger, silentLogger } from '../logger.js';
import { keyboardFor, splitText, withBold } from './telegram/format.js';
import { ALLOWED_UPDATES, toInbound } from './telegram/toInbound.js';
import { toSendError } from './telegram/toSendError.js';

/** The URL path operators register (DESIGN §5). */
export const WEBHOOK_PATH = '/webhooks/telegram';
/** Seconds a getUpdates call waits for news. */
export const POLL_TIMEOUT_SECONDS = 25;
/** grammY's limit for any API call; must exceed the long-poll timeout. */
export const API_TIMEOUT_SECONDS = POLL_TIMEOUT_SECONDS + 15;
/** A send that takes longer is abandoned and retried by the dispatcher. */
export const SEND_TIMEOUT_MS = 20_000;
/** Backoff between reconnect attempts (getMe, setWebhook, getUpdates failures). */
export const RECONNECT_MIN_MS = 1000;
export const RECONNECT_MAX_MS = 60_000;
/** How long start() waits for the first connection attempt before returning (the rest goes on in the background). */
export const START_WAIT_MS = 5000;
/** How long stop() waits for the polling loop and the final offset confirmation. */
export const STOP_TIMEOUT_MS = 3000;
/** While the database cannot take messages, the same update is offered to the router again after this (doubling). */
export const STORAGE_RETRY_MIN_MS = 1000;
export const STORAGE_RETRY_MAX_MS = 30_000;
/** Consecutive transient send failures after which health says degraded. */
export const SEND_FAILURES_BEFORE_DEGRADED = 3;
/** Bot API downloads are limited to 20 MB. */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
export const MEDIA_TIMEOUT_MS = 60_000;
/** Telegram's limit for a photo or document caption. */
export const MAX_CAPTION_CHARS = 1024;
export const WEBHOOK_BODY_LIMIT = '1mb';
/** Telegram retries a webhook call that takes longer; a turn is far quicker. */
export const WEBHOOK_HANDLER_TIMEOUT_MS = 10_000;
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export interface TelegramOptions {
  token: string;
  apiRoot?: string;
  /** When set, webhook mode at `${publicBaseUrl}/webhooks/telegram`. */
  publicBaseUrl?: string;
  /** Required in webhook mode; Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
  webhookSecret?: string;
  log?: Logger;
  clock?: Clock;
  /** Long-poll timeout (tests use a short one). */
  pollTimeoutSeconds?: number;
  reconnectMinMs?: number;
  /** First wait before offering an update again while the database is unavailable (tests use a short one). */
  storageRetryMinMs?: number;
  /** Abandon a send after this long (default SEND_TIMEOUT_MS; tests use a short one). */
  sendTimeoutMs?: number;
}

/** Thrown inside the update handler when the router refuses (shutting down): the update stays unacknowledged. */
class IntakeRefused extends Error {
  constructor() {
    super('intake refused the update (shutting down); Telegram will deliver it again');
    this.name = 'IntakeRefused';
  }
}

export class TelegramChannel implements Channel {
  readonly name = 'telegram' as const;
  readonly bot: Bot;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly webhookUrl?: string;
  private intake?: Intake;
  private abort?: AbortController;
  private loop?: Promise<void>;
  /** Polling: first update_id not yet handled (0: whatever Telegram has). */
  private offset = 0;
  /** Webhook calls are processed only while true. */
  private ready = false;
  private connection: ChannelHealth = { state: 'off' };
  private sendFailures = 0;
  private lastSendError = '';

  private readonly apiRoot: string;

  constructor(private readonly opts: TelegramOptions) {
    // grammY refuses a trailing slash.
    this.apiRoot = (opts.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
    if (!opts.token) throw new Error('TelegramChannel needs a bot token (TELEGRAM_BOT_TOKEN)');
    if (opts.publicBaseUrl) {
      if (!opts.webhookSecret) throw new Error('Telegram webhook mode needs TELEGRAM_WEBHOOK_SECRET');
      this.webhookUrl = `${opts.publicBaseUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}`;
    }
    this.log = (opts.log ?? silentLogger).child({ channel: 'telegram' });
    this.clock = opts.clock ?? systemClock;
    // No auto-retry transformer: the dispatcher owns retries. It stores the next attempt in the
    // outbox (so a retry survives a restart), honours retry_after without holding a send slot,
    // lets other chats go meanwhile and counts attempts; retries inside grammY would multiply them.
    this.bot = new Bot(opts.token, { client: { apiRoot: this.apiRoot, timeoutSeconds: API_TIMEOUT_SECONDS } });
    this.bot.use(async (ctx) => this.onUpdate(ctx.update));
  }

  /** Connects (getMe, then setWebhook or deleteWebhook) and starts receiving; never throws for network trouble. */
  async start(intake: Intake): Promise<void> {
    this.intake = intake;
    this.abort = new AbortController();
    this.connection = { state: 'connecting' };
    let firstAttempt!: () => void;
    const attempted = new Promise<void>((r) => (firstAttempt = r));
    this.loop = this.run(this.abort.signal, firstAttempt).catch((err) => {
      this.connection = { state: 'degraded', detail: `stopped after an unexpected error: ${describe(err)}` };
      this.log.error({ error: describe(err), stack: stackOf(err) }, 'telegram loop crashed');
    });
    await Promise.race([attempted, sleep(START_WAIT_MS)]);
  }

  async stop(): Promise<void> {
    this.ready = false;
    this.abort?.abort();
    if (this.loop) await Promise.race([this.loop, sleep(STOP_TIMEOUT_MS)]);
    if (!this.webhookUrl && this.offset > 0) {
      // Confirm what was handled so Telegram does not deliver it again (harmless if it fails).
      await this.bot.api
        .getUpdates({ offset: this.offset, limit: 1, timeout: 0 }, sig(AbortSignal.timeout(STOP_TIMEOUT_MS)))
        .catch(() => undefined);
    }
    this.connection = { state: 'off' };
  }

  health(): ChannelHealth {
    if (this.connection.state === 'up' && this.sendFailures >= SEND_FAILURES_BEFORE_DEGRADED) {
      return { state: 'degraded', detail: `sending is failing: ${this.lastSendError}` };
    }
    return this.connection;
  }

  /** Adds POST /webhooks/telegram in webhook mode (nothing in polling mode). */
  mount(app: ExpressRouter): void {
    if (!this.webhookUrl) return;
    const secret = this.opts.webhookSecret as string;
    const callback = webhookCallback(this.bot, 'express', {
      secretToken: secret,
      onTimeout: 'throw',
      timeoutMilliseconds: WEBHOOK_HANDLER_TIMEOUT_MS,
    });
    // The secret is checked before the body is even parsed, so an unauthenticated call never
    // reaches grammY or the router (grammY checks it again).
    const checkSecret = (req: Request, res: Response, next: NextFunction) => {
      if (sameSecret(req.header(SECRET_HEADER), secret)) return next();
      this.log.warn('telegram webhook call with a wrong or missing secret token refused');
      res.status(401).json({ ok: false, description: 'wrong secret token' });
    };
    const handle = async (req: Request, res: Response) => {
      if (!this.ready) {
        res.status(503).json({ ok: false, description: 'starting or stopping; Telegram will retry' });
        return;
      }
      try {
        await callback(req, res);
      } catch (err) {
        const inner = err instanceof BotError ? err.error : err;
        if (inner instanceof StorageUnavailableError) {
          if (!res.headersSent) res.status(503).json({ ok: false, description: 'database unavailable; Telegram will retry' });
          return;
        }
        if (!(inner instanceof IntakeRefused)) this.log.error({ error: describe(inner), stack: stackOf(inner) }, 'telegram webhook update failed');
        // Not 2xx: Telegram delivers the update again later.
        if (!res.headersSent) res.status(inner instanceof IntakeRefused ? 503 : 500).json({ ok: false });
      }
    };
    const badBody = (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      res.status(400).json({ ok: false, description: `bad request body: ${describe(err)}` });
    };
    app.post(WEBHOOK_PATH, checkSecret, express.json({ limit: WEBHOOK_BODY_LIMIT }), handle, badBody);
  }

  /** Sends text (split at 4096 characters) with the choices as inline buttons under the last part; media as photo or document. */
  async send(chatId: string, msg: Outbound): Promise<SendResult> {
    let method = 'sendMessage';
    try {
      const keyboard = keyboardFor(msg.choices);
      const parts = splitText(msg.text);
      let lastId: number | undefined;
      const captionFits = msg.media && parts.length === 1 && msg.text.length <= MAX_CAPTION_CHARS;
      if (!captionFits) {
        for (let i = 0; i < parts.length; i++) {
          if (!parts[i]) continue;
          const { text, entities } = withBold(parts[i]);
          const isLast = i === parts.length - 1 && !msg.media;
          const sent = await this.bot.api.sendMessage(
            chatId,
            text,
            {
              ...(entities.length ? { entities } : {}),
              ...(isLast && keyboard ? { reply_markup: keyboard } : {}),
              link_preview_options: { is_disabled: true },
            },
            sig(AbortSignal.timeout(this.opts.sendTimeoutMs ?? SEND_TIMEOUT_MS)),
          );
          lastId = sent.message_id;
        }
      }
      if (msg.media) {
        const file = new InputFile(msg.media.path, msg.media.fileName);
        const { text, entities } = withBold(captionFits ? msg.text : '');
        const extra = {
          ...(text ? { caption: text } : {}),
          ...(entities.length ? { caption_entities: entities } : {}),
          ...(keyboard ? { reply_markup: keyboard } : {}),
        };
        const signal = sig(AbortSignal.timeout((this.opts.sendTimeoutMs ?? SEND_TIMEOUT_MS) * 3));
        method = msg.media.mime.startsWith('image/') ? 'sendPhoto' : 'sendDocument';
        const sent =
          method === 'sendPhoto'
            ? await this.bot.api.sendPhoto(chatId, file, extra, signal)
            : await this.bot.api.sendDocument(chatId, file, extra, signal);
        lastId = sent.message_id;
      }
      this.sendFailures = 0;
      return lastId === undefined ? {} : { platformMessageId: String(lastId) };
    } catch (err) {
      const e = toSendError(err, method);
      if (e.kind === 'transient') {
        this.sendFailures++;
        this.lastSendError = e.message;
      }
      throw e;
    }
  }

  /** Downloads a file named by its file_id (getFile, then the file URL). */
  async fetchMedia(ref: string): Promise<{ data: Buffer; mime: string }> {
    const file = await this.bot.api.getFile(ref);
    if (!file.file_path) throw new SendError('Telegram getFile returned no file_path (the file may be too big for the Bot API)', 'permanent');
    if (file.file_size !== undefined && file.file_size > MAX_MEDIA_BYTES) {
      throw new SendError(`Telegram file too big to download (${file.file_size} bytes, limit ${MAX_MEDIA_BYTES})`, 'permanent');
    }
    const res = await fetch(`${this.apiRoot}/file/bot${this.opts.token}/${file.file_path}`, { signal: AbortSignal.timeout(MEDIA_TIMEOUT_MS) });
    // The URL holds the token: never put it in an error message.
    if (!res.ok) throw new SendError(`Telegram file download failed with HTTP ${res.status}`, res.status >= 500 ? 'transient' : 'permanent');
    const data = Buffer.from(await res.arrayBuffer());
    if (data.length > MAX_MEDIA_BYTES) throw new SendError('Telegram file too big to keep', 'permanent');
    return { data, mime: mimeFromPath(file.file_path) };
  }

  /** Maps one update, hands it to the router, answers a button press. Runs inside grammY's middleware. */
  private async onUpdate(update: Update): Promise<void> {
    const mapped = toInbound(update, this.bot.botInfo.username, this.clock.now());
    if ('ignored' in mapped) {
      this.log.debug({ updateId: update.update_id, reason: mapped.ignored }, 'telegram update ignored');
    } else {
      if (!this.intake) throw new IntakeRefused();
      const result = await this.intake(mapped.inbound);
      if (result === 'refused') throw new IntakeRefused();
    }
    if (update.callback_query) {
      // Stops the button's loading spinner; the answer itself comes as a message.
      await this.bot.api
        .answerCallbackQuery(update.callback_query.id, undefined, sig(AbortSignal.timeout(this.opts.sendTimeoutMs ?? SEND_TIMEOUT_MS)))
        .catch((err) => this.log.debug({ error: describe(err) }, 'telegram answerCallbackQuery failed (query too old?)'));
    }
  }

  /** Connects, then (polling mode) fetches updates until stopped. */
  private async run(signal: AbortSignal, firstAttempt: () => void): Promise<void> {
    const minMs = this.opts.reconnectMinMs ?? RECONNECT_MIN_MS;
    let backoff = minMs;
    const failed = async (phase: string, err: unknown) => {
      this.connection = { state: 'degraded', detail: failureDetail(phase, err) };
      this.log.warn({ phase, error: describe(err), retryInMs: backoff }, 'telegram unreachable or refusing; retrying');
      firstAttempt();
      await sleep(backoff, signal);
      backoff = Math.min(RECONNECT_MAX_MS, backoff * 2);
    };

    while (!signal.aborted) {
      try {
        this.bot.botInfo = await this.bot.api.getMe(sig(signal));
        if (this.webhookUrl) {
          await this.bot.api.setWebhook(
            this.webhookUrl,
            { secret_token: this.opts.webhookSecret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false },
            sig(signal),
          );
        } else {
          // A webhook left over from webhook mode would make getUpdates fail with 409.
          await this.bot.api.deleteWebhook({ drop_pending_updates: false }, sig(signal));
        }
        break;
      } catch (err) {
        if (signal.aborted) return;
        await failed('connect', err);
      }
    }
    if (signal.aborted) return;
    this.connection = { state: 'up', detail: this.webhookUrl ? 'webhook' : 'long polling' };
    this.log.info({ mode: this.connection.detail, bot: this.bot.botInfo.username }, 'telegram connected');
    backoff = minMs;
    if (this.webhookUrl) {
      this.ready = true;
      firstAttempt();
      return;
    }
    firstAttempt();
    const timeout = this.opts.pollTimeoutSeconds ?? POLL_TIMEOUT_SECONDS;
    let allowed: readonly string[] | undefined = ALLOWED_UPDATES;
    let storageBackoff = this.opts.storageRetryMinMs ?? STORAGE_RETRY_MIN_MS;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await this.bot.api.getUpdates(
          { offset: this.offset, timeout, ...(allowed ? { allowed_updates: [...allowed] as never } : {}) },
          sig(signal),
        );
        allowed = undefined; // Telegram remembers it
      } catch (err) {
        if (signal.aborted) return;
        await failed('getUpdates', err);
        continue;
      }
      if (this.connection.state !== 'up') {
        this.connection = { state: 'up', detail: 'long polling' };
        this.log.info('telegram polling works again');
      }
      backoff = minMs;
      for (const update of updates) {
        const outcome = await this.handleOne(update);
        if (outcome === 'refused') return; // shutting down: leave it unconfirmed
        if (outcome === 'unavailable') {
          // Not confirmed: the next getUpdates (same offset) brings this update again.
          await sleep(storageBackoff, signal);
          storageBackoff = Math.min(STORAGE_RETRY_MAX_MS, storageBackoff * 2);
          break;
        }
        storageBackoff = this.opts.storageRetryMinMs ?? STORAGE_RETRY_MIN_MS;
        this.offset = update.update_id + 1;
      }
    }
  }

  /** Handles one polled update: 'refused' while shutting down, 'unavailable' when the database cannot take it now. */
  private async handleOne(update: Update): Promise<'done' | 'refused' | 'unavailable'> {
    try {
      await this.bot.handleUpdate(update);
      return 'done';
    } catch (err) {
      const inner = err instanceof BotError ? err.error : err;
      if (inner instanceof IntakeRefused) return 'refused';
      if (inner instanceof StorageUnavailableError) {
        this.log.warn({ updateId: update.update_id, code: inner.code }, 'database unavailable: update left unconfirmed, offered again after a pause');
        return 'unavailable';
      }
      // Not a turn error (the router answers those with an apology): a bug in mapping. Skip the
      // update rather than block every later message behind it.
      this.log.error({ error: describe(inner), stack: stackOf(inner), updateId: update.update_id }, 'telegram update could not be handled; skipped');
      return 'done';
    }
  }
}

/** A short reason for /api/health. */
function failureDetail(phase: string, err: unknown): string {
  const code = (err as { error_code?: number }).error_code;
  if (code === 401 || code === 404) return `Telegram rejected the bot token (${code}): check TELEGRAM_BOT_TOKEN with @BotFather`;
  if (code === 409) return 'another process receives updates for this bot (409 Conflict): stop it, or use one mode only';
  return `${phase} failing: ${describe(err)}`;
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'error_code' in err) {
    const e = err as { error_code: number; description?: string };
    return `${e.error_code} ${e.description ?? ''}`.trim();
  }
  if (err instanceof Error) {
    const cause = (err as { error?: unknown }).error;
    return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
  }
  return String(err);
}

/** Never log a GrammyError object itself: its `payload` holds the user's text. */
function stackOf(err: unknown): string | undefined {
  return err instanceof Error ? err.stack : undefined;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** grammY types its signals with the abort-controller shim; the platform AbortSignal is what it uses at run time. */
type GrammySignal = Parameters<Api['getMe']>[0];
function sig(s: AbortSignal): GrammySignal {
  return s as unknown as GrammySignal;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

const MIME_BY_EXT: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  pdf: 'application/pdf',
};

function mimeFromPath(p: string): string {
  return MIME_BY_EXT[p.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
