/** Builds the channel adapters the configuration enables. Platform adapters are added by the channels issue. */
import type { Config } from '../config.js';
import type { Channel } from '../core/types.js';
import type { Logger } from '../logger.js';
import { WebchatChannel } from './webchat.js';

/** The web chat is always on: it is what a fresh machine with no tokens offers (`/chat`). */
export async function channelsFromConfig(config: Config, log: Logger): Promise<Channel[]> {
  return [new WebchatChannel({ config, log })];
}
