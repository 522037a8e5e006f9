/** What features get from the running app for HTTP routes, jobs and work outside a turn. */
import type { Config } from './config.js';
import type { Clock } from './core/clock.js';
import type { Channel, ChannelName } from './core/types.js';
import type { Reply } from './conversation/flow.js';
import type { Translator } from './i18n.js';
import type { Logger } from './logger.js';
import type { Priority } from './outbox/store.js';
import type { Router } from './conversation/router.js';
import type { DB } from './store/db.js';

export interface Services {
  db: DB;
  config: Config;
  clock: Clock;
  log: Logger;
  translator: Translator;
  router: Router;
  channels: ReadonlyMap<ChannelName, Channel>;
  /**
   * Queues a message to a contact outside a conversation turn (officer reply, reminder), rendered in
   * the contact's language, in its own transaction, and wakes the dispatcher. Use inside a
   * `db.transaction` of your own via `router.enqueueFor` when it must commit with other writes.
   */
  notify(contactId: number, reply: Reply, priority?: Priority): void;
  /** Wakes the dispatcher after rows were committed outside a turn. */
  kick(channel?: ChannelName): void;
}
