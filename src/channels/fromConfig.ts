/** Builds the channel adapters the configuration enables. */
import type { Config } from '../config.js';
import type { Channel } from '../core/types.js';
import type { Logger } from '../logger.js';
import { TelegramChannel } from './telegram.js';

/** Telegram when TELEGRAM_BOT_TOKEN is set (webhook mode with PUBLIC_BASE_URL, else long polling). */
export async function channelsFromConfig(config: Config, log: Logger): Promise<Channel[]> {
  const channels: Channel[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    channels.push(
      new TelegramChannel({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        publicBaseUrl: config.PUBLIC_BASE_URL || undefined,
        webhookSecret: config.TELEGRAM_WEBHOOK_SECRET || undefined,
        log,
      }),
    );
  }
  return channels;
}
