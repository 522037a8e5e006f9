/** Builds the channel adapters the configuration enables. */
import type { Config } from '../config.js';
import type { Channel } from '../core/types.js';
import type { Logger } from '../logger.js';
import { WhatsAppCloudChannel } from './whatsappCloud.js';

export async function channelsFromConfig(config: Config, log: Logger): Promise<Channel[]> {
  const channels: Channel[] = [];

  // WhatsApp Cloud API: all four WHATSAPP_CLOUD_* set (config checks they come together).
  if (WhatsAppCloudChannel.enabled(config)) channels.push(new WhatsAppCloudChannel({ config, log }));
  // WhatsApp Web: loaded only when enabled, so the browser library stays out of other set-ups.
  if (config.WHATSAPP_WEB) {
    const { WhatsAppWebChannel } = await import('./whatsappWeb.js');
    channels.push(new WhatsAppWebChannel({ config, log }));
  }

  return channels;
}
