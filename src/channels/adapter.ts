/**
 * What the app wires for each platform adapter: the core `Channel` the dispatcher and router need,
 * plus the adapter's own HTTP routes and the running app's services. Kept here, not in core, so
 * the lower layers know nothing of express or of features.
 */
import type { Router as ExpressRouter } from 'express';
import type { Channel } from '../core/types.js';
import type { Services } from '../features/services.js';

export interface ChannelAdapter extends Channel {
  /** Adds the channel's HTTP routes (webhooks, login pages) to the express app before it listens. */
  mount?(app: ExpressRouter): void;
  /** Gives the adapter the running app's services (contact lookups, notify) before mount() and start(). */
  attach?(services: Services): void;
}
