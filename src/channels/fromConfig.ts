/** Builds the channel adapters the configuration enables. Platform adapters are added by the channels issue. */
import type { Config } from '../config.js';
import type { Channel } from '../core/types.js';
import type { Logger } from '../logger.js';

export async function channelsFromConfig(_config: Config, _log: Logger): Promise<Channel[]> {
  return [];
}
