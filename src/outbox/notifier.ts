/**
 * The one way to send. Every message to a contact, whether a reply in a turn, an officer's answer,
 * a reminder or an alert, is queued here: rendered in the recipient's language, written as an
 * outbox row inside the caller's transaction, and delivery is woken only after that transaction
 * commits. Nothing else writes outbox rows.
 */
import type { Clock } from '../core/clock.js';
import type { ChannelName, Lang } from '../core/types.js';
import type { Reply } from '../core/text.js';
import { renderReply } from './render.js';
import type { Translator } from '../i18n.js';
import { type Contact, type ContactStore, languageOf } from '../store/contacts.js';
import type { DB } from '../store/db.js';
import { type AudienceMessage, type AudienceRows, type EnqueueInput, type OutboxStore, PRIORITY, type Priority } from './store.js';

/** How domain code is handed a way to message a contact by id, in their language (`out.toContact`, `ctx.notify`). */
export type NotifyContact = (contactId: number, reply: Reply, priority?: Priority) => void;

/** Queues one message to a contact by id; false when the contact no longer exists. */
export type SendToContact = (contactId: number, reply: Reply, priority?: Priority) => boolean;

/** Messages queued inside one open transaction. */
export interface Outgoing {
  /** The time the rows are stamped with. */
  readonly now: number;
  /** To a contact by id, in the contact's language. */
  toContact: SendToContact;
  /** To a loaded contact, in `lang` (default: the contact's language or the default language). */
  to(contact: Contact, reply: Reply, priority?: Priority, lang?: Lang): void;
  /** A row already rendered (e.g. a broadcast payload); `payload` is sent as is. */
  rendered(row: EnqueueInput): void;
  /** One rendered message for a whole audience, written in one statement (a broadcast). */
  toAudience(msg: AudienceMessage): AudienceRows;
}

export interface NotifierDeps {
  db: DB;
  outbox: OutboxStore;
  contacts: ContactStore;
  translator: Translator;
  defaultLang: Lang;
  clock: Clock;
  /** Wakes the dispatcher of a channel (called after commit). */
  wake(channel: ChannelName): void;
}

export class Notifier {
  private open?: Outgoing;

  constructor(private readonly deps: NotifierDeps) {}

  /** The contact's language, or the helpline's default when they never chose one. */
  languageOf(contact: Pick<Contact, 'language'> | undefined): Lang {
    return languageOf(contact, this.deps.defaultLang);
  }

  /**
   * Runs `fn` in one transaction; what it queues commits with its writes and delivery is woken
   * after the commit. Called while another `transaction` is open, it joins that one (and the
   * outermost wakes delivery), so domain code can be used from a turn and from a job alike.
   */
  transaction<T>(fn: (out: Outgoing) => T, now: number = this.deps.clock.now()): T {
    if (this.open) return fn(this.open);
    const touched = new Set<ChannelName>();
    const out = this.outgoing(now, touched);
    let result: T;
    try {
      this.open = out;
      result = this.deps.db.transaction(() => fn(out))();
    } finally {
      this.open = undefined;
    }
    for (const ch of touched) this.deps.wake(ch);
    return result;
  }

  /** One message to one contact, in its own transaction (or the one already open). */
  notify(contactId: number, reply: Reply, priority: Priority = PRIORITY.reply): boolean {
    return this.transaction((out) => out.toContact(contactId, reply, priority));
  }

  private outgoing(now: number, touched: Set<ChannelName>): Outgoing {
    const { outbox, contacts, translator } = this.deps;
    const rendered = (row: EnqueueInput) => {
      outbox.enqueue(row, now);
      touched.add(row.channel);
    };
    const to = (contact: Contact, reply: Reply, priority: Priority = PRIORITY.reply, lang?: Lang) => {
      const payload = renderReply(translator, lang ?? this.languageOf(contact), reply);
      rendered({ channel: contact.channel, chatId: contact.chatId, contactId: contact.id, payload, priority });
    };
    return {
      now,
      to,
      rendered,
      toContact: (contactId, reply, priority) => {
        const contact = contacts.get(contactId);
        if (!contact) return false;
        to(contact, reply, priority);
        return true;
      },
      toAudience: (msg) => {
        const written = outbox.enqueueAudience(msg, now);
        for (const ch of written.channels) touched.add(ch);
        return written;
      },
    };
  }
}
