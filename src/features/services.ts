/** What features get from the running app for HTTP routes, jobs and work outside a turn. */
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Channel, ChannelName } from '../core/types.js';
import type { Translator } from '../i18n.js';
import type { Logger } from '../logger.js';
import type { Notifier } from '../outbox/notifier.js';
import type { OutboxStore } from '../outbox/store.js';
import type { AuditLog } from '../store/audit.js';
import type { ContactStore } from '../store/contacts.js';
import type { DB } from '../store/db.js';

export interface Services {
  db: DB;
  config: Config;
  clock: Clock;
  log: Logger;
  translator: Translator;
  /** The one way to send: `notifier.transaction(out => …)` or `notifier.notify(contactId, reply)`. */
  notifier: Notifier;
  contacts: ContactStore;
  audit: AuditLog;
  /** Read side of the outbox (counts, delivery state); rows are written only through the notifier. */
  outbox: OutboxStore;
  channels: ReadonlyMap<ChannelName, Channel>;
}
