/**
 * The Telegram channel on grammY. Long polling by default; webhook mode (POST /webhooks/telegram,
 * checked against TELEGRAM_WEBHOOK_SECRET) when a public base URL is configured.
 *
 * An update is acknowledged to Telegram only after its turn is committed: in polling mode the
 * offset moves past an update once `intake` resolved; in webhook mode the HTTP answer waits for
 * `intake`. A message refused during shutdown is not acknowledged, so Telegram delivers it again
 * after the restart; repeats are dropped by the router (platformId = update_id).
 *
 * This file is the channel itself (connect, send, health). Its parts, one concept each, are in
 * telegram/: pollUpdates.ts (the polling loop), webhook.ts (the webhook route), toInbound.ts and
 * format.ts (platform <-> our messages), toSendError.ts, downloadFile.ts, errors.ts, signals.ts.
 */
import type { Router as ExpressRouter } from 'express';
import { Bot, GrammyError, InputFile } from 'grammy';
import type { Update } from 'grammy/types';
import { type Clock, systemClock } from '../core/clock.js';
import type { Channel, ChannelHealth, ChatProbe, Intake, Outbound, SendResult } from '../core/types.js';
import { type Logger, silentLogger } from '../logger.js';
import { downloadFile } from './telegram/downloadFile.js';
import { IntakeRefused, describeError, failureDetail, stackOf } from './telegram/errors.js';
import { keyboardFor, splitText, withBold } from './telegram/format.js';
import { POLL_TIMEOUT_SECONDS, pollUpdates } from './telegram/pollUpdates.js';
import { sig, sleep } from './telegram/signals.js';
import { ALLOWED_UPDATES, toInbound } from './telegram/toInbound.js';
import { toSendError } from './telegram/toSendError.js';
import { WEBHOOK_PATH, mountTelegramWebhook } from './telegram/webhook.js';

export { MAX_MEDIA_BYTES, MEDIA_TIMEOUT_MS } from './telegram/downloadFile.js';
export { POLL_TIMEOUT_SECONDS, STORAGE_RETRY_MAX_MS, STORAGE_RETRY_MIN_MS } from './telegram/pollUpdates.js';
export { WEBHOOK_BODY_LIMIT, WEBHOOK_HANDLER_TIMEOUT_MS, WEBHOOK_PATH } from './telegram/webhook.js';
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
/** Consecutive transient send failures after which health says degraded. */
export const SEND_FAILURES_BEFORE_DEGRADED = 3;
/** Telegram's limit for a photo or document caption. */
export const MAX_CAPTION_CHARS = 1024;

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
  private readonly cursor = { offset: 0 };
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
      this.connection = { state: 'degraded', detail: `stopped after an unexpected error: ${describeError(err)}` };
      this.log.error({ error: describeError(err), stack: stackOf(err) }, 'telegram loop crashed');
    });
    await Promise.race([attempted, sleep(START_WAIT_MS)]);
  }

  async stop(): Promise<void> {
    this.ready = false;
    this.abort?.abort();
    if (this.loop) await Promise.race([this.loop, sleep(STOP_TIMEOUT_MS)]);
    if (!this.webhookUrl && this.cursor.offset > 0) {
      // Confirm what was handled so Telegram does not deliver it again (harmless if it fails).
      await this.bot.api
        .getUpdates({ offset: this.cursor.offset, limit: 1, timeout: 0 }, sig(AbortSignal.timeout(STOP_TIMEOUT_MS)))
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
    mountTelegramWebhook(app, { bot: this.bot, secret: this.opts.webhookSecret as string, ready: () => this.ready, log: this.log });
  }

  /** Sends text (split at 4096 characters) with the choices as inline buttons under the last part; media as photo or document. */
  async send(chatId: string, msg: Outbound): Promise<SendResult> {
    let method = 'sendMessage';
    try {
      if (msg.deleteMessageIds?.length) {
        method = 'deleteMessage';
        await this.deleteMessages(chatId, msg.deleteMessageIds);
        method = 'sendMessage';
      }
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

  /**
   * Deletes the bot's own earlier messages (discreet mode). A message Telegram will not delete
   * (older than 48 hours, already gone) is skipped; a transient failure is thrown so the row is
   * retried (deleting again what is already gone is harmless).
   */
  private async deleteMessages(chatId: string, ids: string[]): Promise<void> {
    for (const id of ids) {
      try {
        await this.bot.api.deleteMessage(chatId, Number(id), sig(AbortSignal.timeout(this.opts.sendTimeoutMs ?? SEND_TIMEOUT_MS)));
      } catch (err) {
        if (toSendError(err, 'deleteMessage').kind === 'transient') throw err;
      }
    }
  }

  /**
   * Whether the bot may write to a chat, without a visible message: getChat. A person who never
   * pressed Start is unknown to the bot ("chat not found"); a 403 means it was blocked or kicked.
   * (A person who blocked the bot later is found out by the next send, which answers 403.)
   */
  async probe(chatId: string): Promise<ChatProbe> {
    try {
      await this.bot.api.getChat(chatId, sig(AbortSignal.timeout(this.opts.sendTimeoutMs ?? SEND_TIMEOUT_MS)));
      return { reach: 'reachable' };
    } catch (err) {
      if (err instanceof GrammyError && (err.error_code === 403 || err.error_code === 400)) {
        return { reach: 'unreachable', reason: err.error_code === 403 ? 'blocked' : 'not_started', detail: err.description };
      }
      throw toSendError(err, 'getChat');
    }
  }

  /** Downloads a file named by its file_id (getFile, then the file URL). */
  async fetchMedia(ref: string): Promise<{ data: Buffer; mime: string }> {
    return downloadFile(this.bot.api, this.apiRoot, this.opts.token, ref);
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
        .catch((err) => this.log.debug({ error: describeError(err) }, 'telegram answerCallbackQuery failed (query too old?)'));
    }
  }

  /** Connects, then (polling mode) fetches updates until stopped. */
  private async run(signal: AbortSignal, firstAttempt: () => void): Promise<void> {
    const minMs = this.opts.reconnectMinMs ?? RECONNECT_MIN_MS;
    let backoff = minMs;
    const failed = async (phase: string, err: unknown) => {
      this.connection = { state: 'degraded', detail: failureDetail(phase, err) };
      this.log.warn({ phase, error: describeError(err), retryInMs: backoff }, 'telegram unreachable or refusing; retrying');
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
    await pollUpdates({
      bot: this.bot,
      log: this.log,
      signal,
      cursor: this.cursor,
      timeoutSeconds: this.opts.pollTimeoutSeconds,
      storageRetryMinMs: this.opts.storageRetryMinMs,
      failed,
      succeeded: () => {
        if (this.connection.state !== 'up') {
          this.connection = { state: 'up', detail: 'long polling' };
          this.log.info('telegram polling works again');
        }
        backoff = minMs;
      },
    });
  }
}
