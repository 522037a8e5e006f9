/** Builds the channel adapters the configuration enables. */
import type { Config } from '../config.js';
import type { ChannelAdapter } from './adapter.js';
import type { Logger } from '../logger.js';
import { TelegramChannel } from './telegram.js';
import { WhatsAppCloudChannel } from './whatsappCloud.js';
import { WebchatChannel } from './webchat.js';

/** The web chat (always on: it is what a fresh machine with no tokens offers at `/chat`) and every platform channel whose configuration is present. */
export async function channelsFromConfig(config: Config, log: Logger): Promise<ChannelAdapter[]> {
  const channels: ChannelAdapter[] = [new WebchatChannel({ config, log })];
  // Telegram when TELEGRAM_BOT_TOKEN is set (webhook mode with PUBLIC_BASE_URL, else long polling).
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
  // WhatsApp Cloud API: all four WHATSAPP_CLOUD_* set (config checks they come together).
  if (WhatsAppCloudChannel.enabled(config)) channels.push(new WhatsAppCloudChannel({ config, log }));
  // WhatsApp Web: loaded only when enabled, so the browser library stays out of other set-ups.
  if (config.WHATSAPP_WEB) {
    const { WhatsAppWebChannel } = await import('./whatsappWeb.js');
    channels.push(new WhatsAppWebChannel({ config, log }));
  }
  return channels;
}
