/** Runs case work outside a turn (API, jobs, workers) in one transaction with queued notifications. */
import type { ChannelName } from '../core/types.js';
import { PRIORITY } from '../outbox/store.js';
import type { Services } from '../services.js';
import type { Notify } from './caseAlerts.js';

/** Runs fn in a transaction; messages it queues commit with its writes, then delivery is woken. */
export function inTransaction<T>(services: Services, fn: (notify: Notify) => T): T {
  const touched = new Set<ChannelName>();
  const now = services.clock.now();
  const result = services.db.transaction(() =>
    fn((contactId, reply, priority = PRIORITY.reply) => {
      const contact = services.router.contacts.get(contactId);
      if (contact) services.router.enqueueFor(contact, reply, priority, now, touched);
    }),
  )();
  for (const ch of touched) services.kick(ch);
  return result;
}
