/** Telegram: does the token work and whose bot is it (getMe); is the webhook ours (getWebhookInfo)? */
import type { Config } from '../../config.js';
import { callBotApi } from '../platformApi.js';
import { type DoctorResult, type DoctorContext, fail, ok, warn } from './check.js';

/** The bot's webhook route (the Telegram channel's WEBHOOK_PATH; a published contract). */
export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';
/** More updates than this waiting at Telegram means nobody is collecting them. */
export const PENDING_UPDATES_WARN = 100;
/** A webhook delivery error younger than this is reported. */
export const RECENT_WEBHOOK_ERROR_MS = 24 * 3600_000;

export interface BotInfo {
  id: number;
  username: string;
  can_join_groups?: boolean;
}

export interface WebhookInfo {
  url: string;
  pending_update_count: number;
  last_error_date?: number;
  last_error_message?: string;
}

const TOKEN_FIX = 'In Telegram open @BotFather → /mybots → your bot → API Token, and put that token in .env as TELEGRAM_BOT_TOKEN.';

/** Our webhook address, or null in long-polling mode. */
export function ourWebhookUrl(config: Config): string | null {
  return config.PUBLIC_BASE_URL ? `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}` : null;
}

/** Judges what getWebhookInfo answered against our configuration. */
export function judgeWebhook(info: WebhookInfo, config: Config, now: number): DoctorResult[] {
  const name = 'Telegram webhook';
  const ours = ourWebhookUrl(config);
  const out: DoctorResult[] = [];
  if (!info.url) {
    out.push(
      ours
        ? warn(name, `no webhook registered yet (it should be ${ours})`, 'Start the bot (npm start or systemctl start helpline): it registers the webhook itself. Then run the doctor again.')
        : ok(name, 'no webhook: the bot collects messages by long polling'),
    );
  } else if (info.url === ours) {
    out.push(ok(name, `Telegram delivers to our webhook ${info.url}`));
  } else {
    out.push(
      fail(
        name,
        `Telegram delivers this bot's messages to a webhook that is not ours: ${info.url}` + (ours ? ` (ours is ${ours})` : ' (we use long polling)'),
        ours
          ? `If that is an old address of this server, set PUBLIC_BASE_URL to the right address and restart the bot: it replaces the webhook. If you do not know that address, someone else has the token: /revoke it in @BotFather and put the new token in .env.`
          : `If you do not know that address, someone else has the token: /revoke it in @BotFather and put the new token in .env. If it is yours (webhook mode), set PUBLIC_BASE_URL; otherwise starting the bot removes the webhook.`,
      ),
    );
  }
  if (info.pending_update_count > PENDING_UPDATES_WARN) {
    out.push(
      warn(
        name,
        `${info.pending_update_count} updates are waiting at Telegram: nobody is collecting this bot's messages`,
        'Start the bot; if it runs, look at its log and /api/health for the Telegram channel.',
      ),
    );
  }
  if (info.last_error_date && now - info.last_error_date * 1000 < RECENT_WEBHOOK_ERROR_MS) {
    out.push(
      warn(
        name,
        `Telegram's last delivery to the webhook failed at ${new Date(info.last_error_date * 1000).toISOString()}: ${info.last_error_message ?? 'no reason given'}`,
        `Check that the reverse proxy serves ${ours ?? 'the webhook'} over HTTPS with a valid certificate and forwards POST ${TELEGRAM_WEBHOOK_PATH} to HTTP_PORT while the bot runs.`,
      ),
    );
  }
  return out;
}

/** getMe and getWebhookInfo; nothing when Telegram is not configured. */
export async function checkTelegram(ctx: DoctorContext): Promise<DoctorResult[]> {
  const { config } = ctx;
  if (!config.TELEGRAM_BOT_TOKEN) return [ok('Telegram bot', 'off (TELEGRAM_BOT_TOKEN is empty)')];
  const name = 'Telegram bot';
  const me = await callBotApi<BotInfo>(config.TELEGRAM_API_ROOT, config.TELEGRAM_BOT_TOKEN, 'getMe', {}, ctx.timeoutMs);
  if (!me.ok) {
    if (me.status === 0) {
      return [fail(name, me.description, `The bot needs outgoing HTTPS to ${new URL(config.TELEGRAM_API_ROOT).host}: check the network, firewall or proxy (or TELEGRAM_API_ROOT).`)];
    }
    if (me.status === 401 || me.status === 404) {
      return [fail(name, `Telegram refused TELEGRAM_BOT_TOKEN (${me.status} ${me.description}): the token is wrong or was revoked`, TOKEN_FIX)];
    }
    return [fail(name, `getMe failed: ${me.status} ${me.description}`, 'Try again in a minute; if it persists, check https://t.me/BotNews and the token.')];
  }
  const out: DoctorResult[] = [ok(name, `the token belongs to @${me.result.username} (bot id ${me.result.id})`)];
  if (me.result.can_join_groups) {
    out.push(warn(name, 'the bot can be added to groups (reports belong in private chats)', 'In @BotFather: /setjoingroups → your bot → Disable.'));
  }
  const hook = await callBotApi<WebhookInfo>(config.TELEGRAM_API_ROOT, config.TELEGRAM_BOT_TOKEN, 'getWebhookInfo', {}, ctx.timeoutMs);
  if (!hook.ok) out.push(warn('Telegram webhook', `getWebhookInfo failed: ${hook.description}`, 'Run the doctor again; if it persists, check the network.'));
  else out.push(...judgeWebhook(hook.result, config, ctx.now));
  return out;
}
