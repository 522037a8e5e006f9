/** Actions: the named, synchronous domain code that flows call. They run inside the turn's transaction. */
import type { Config } from '../config.js';
import type { Inbound, Lang } from '../core/types.js';
import type { DB } from '../store/db.js';
import type { Contact, ContactStore } from '../store/contacts.js';
import type { ActionResult, Data, Json, Reply } from './flow.js';
import type { Outgoing } from '../outbox/notifier.js';
import type { Priority } from '../outbox/store.js';
import type { Translator } from '../i18n.js';

/** Everything an action may touch. Writes go to `db` and become part of the turn's commit. */
export interface ActionContext {
  db: DB;
  config: Config;
  /** Renders texts in any language (e.g. a broadcast's payload per language). */
  translator: Translator;
  contact: Contact;
  /** The contact's language, or the default when they never chose one. */
  lang: Lang;
  /** The contacts table (consent, erasure); the current contact's own fields change through `ActionResult.contact`. */
  contacts: ContactStore;
  inbound: Inbound;
  now: number;
  /** The flow's collected answers (read-only; return `set` to change them). */
  data: Data;
  /** Queues a message to another contact (e.g. an officer alert), rendered in their language. */
  notify(contactId: number, reply: Reply, priority?: Priority): void;
  /** The turn's outgoing messages, for domain code that queues in bulk (a broadcast to an audience). */
  out: Outgoing;
  /** Appends to the audit trail with this contact as the actor. */
  audit(action: string, subject?: string, detail?: string): void;
}

/** A named action; must not do network I/O (the turn holds a write transaction). */
export type Action = (ctx: ActionContext, args: Record<string, Json>) => ActionResult;
