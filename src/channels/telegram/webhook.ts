/**
 * Webhook mode: POST /webhooks/telegram, checked against TELEGRAM_WEBHOOK_SECRET before the body is
 * parsed. The HTTP answer waits for the turn to commit; anything but 2xx makes Telegram deliver
 * the update again later.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router as ExpressRouter } from 'express';
import { type Bot, BotError, webhookCallback } from 'grammy';
import { StorageUnavailableError } from '../../core/errors.js';
import type { Logger } from '../../logger.js';
import { IntakeRefused, describeError, stackOf } from './errors.js';

/** The URL path operators register (DESIGN §5). */
export const WEBHOOK_PATH = '/webhooks/telegram';
export const WEBHOOK_BODY_LIMIT = '1mb';
/** Telegram retries a webhook call that takes longer; a turn is far quicker. */
export const WEBHOOK_HANDLER_TIMEOUT_MS = 10_000;
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export interface WebhookDeps {
  bot: Bot;
  secret: string;
  /** False while starting or stopping: calls are answered 503 so Telegram retries. */
  ready: () => boolean;
  log: Logger;
}

/** Adds POST /webhooks/telegram to `app`. */
export function mountTelegramWebhook(app: ExpressRouter, { bot, secret, ready, log }: WebhookDeps): void {
  const callback = webhookCallback(bot, 'express', {
    secretToken: secret,
    onTimeout: 'throw',
    timeoutMilliseconds: WEBHOOK_HANDLER_TIMEOUT_MS,
  });
  // The secret is checked before the body is even parsed, so an unauthenticated call never
  // reaches grammY or the router (grammY checks it again).
  const checkSecret = (req: Request, res: Response, next: NextFunction) => {
    if (sameSecret(req.header(SECRET_HEADER), secret)) return next();
    log.warn('telegram webhook call with a wrong or missing secret token refused');
    res.status(401).json({ ok: false, description: 'wrong secret token' });
  };
  const handle = async (req: Request, res: Response) => {
    if (!ready()) {
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
      if (!(inner instanceof IntakeRefused)) log.error({ error: describeError(inner), stack: stackOf(inner) }, 'telegram webhook update failed');
      // Not 2xx: Telegram delivers the update again later.
      if (!res.headersSent) res.status(inner instanceof IntakeRefused ? 503 : 500).json({ ok: false });
    }
  };
  // Never echo the body's parse error: it quotes the body.
  const badBody = (_err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(400).json({ ok: false, description: 'malformed request body' });
  };
  app.post(WEBHOOK_PATH, checkSecret, express.json({ limit: WEBHOOK_BODY_LIMIT }), handle, badBody);
}

/** Compares in constant time (hashes first, so lengths may differ). */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
