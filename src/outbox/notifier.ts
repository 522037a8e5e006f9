/**
 * The one way to send. Every message to a contact, whether a reply in a turn, an officer's answer,
 * a reminder or an alert, is queued here: rendered in the recipient's language, written as an
 * outbox row inside the caller's transaction, and delivery is woken only after that transaction
 * commits. Nothing else writes outbox rows.
 *
 * Safe-time delivery is decided here too: a message to a contact who chose a safe-time window is
 * held (pending, not before the window opens) unless it answers that contact's own message in
 * the current turn, is on the emergency path (`reply.urgent`, urgent broadcasts), or goes to an
 * officer. WhatsApp rows held until the contact answers a template are released by `inbound()`.
 */
import type { Clock } from '../core/clock.js';
import { type ChannelName, type Lang, LANGUAGES } from '../core/types.js';
import type { Reply } from '../core/text.js';
import { renderReply } from './render.js';
import { revealInvisible } from '../core/revealInvisible.js';
import type { Translator } from '../i18n.js';
import { type Contact, type ContactStore, languageOf } from '../store/contacts.js';
import type { DB } from '../store/db.js';
import { type AudienceMessage, type AudienceRows, type EnqueueInput, type Hold, type HoldReason, type OutboxStore, PRIORITY, type Priority } from './store.js';
import { isSafeWindow, nextSafeTime } from './safeTime.js';

/** outbox.last_error of a message that would have been held past its `expiresAt`. */
export const EXPIRED_BEFORE_SAFE_TIME = 'expired: the contact’s safe time opens after the message is due';

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
  /**
   * The contact just wrote (called by the router in its turn): replies to it in this transaction
   * are never held, and messages that waited for its answer (WhatsApp templates) are released.
   */
  inbound(contactId: number): void;
  /** Releases the contact's messages held for one reason to go out now; returns how many. */
  release(contactId: number, reason: HoldReason): number;
  /** One rendered message for a whole audience, written in one statement (a broadcast), with the recipients' safe-time holds. */
  toAudience(msg: AudienceMessage): AudienceRows;
}

export interface NotifierDeps {
  db: DB;
  outbox: OutboxStore;
  contacts: ContactStore;
  translator: Translator;
  defaultLang: Lang;
  clock: Clock;
  /** Zone used for a safe-time window whose contact has no known zone (HOME_TIMEZONE). */
  homeZone?: string;
  /** Wakes the dispatcher of a channel (called after commit). */
  wake(channel: ChannelName): void;
}

/** What the safe-time rule needs to know about a recipient. */
export type HoldTarget = Pick<Contact, 'role' | 'safeWindow' | 'safeZone'>;

/**
 * The hold for a message to `contact` at `now`: until its safe-time window opens, unless the
 * message is urgent, answers the contact's own message (`live`), or the contact is an officer.
 */
export function safeTimeHold(contact: HoldTarget, now: number, opts: { urgent?: boolean; live?: boolean; homeZone?: string } = {}): Hold | null {
  if (opts.urgent || opts.live || contact.role === 'officer' || !isSafeWindow(contact.safeWindow)) return null;
  const until = nextSafeTime(contact.safeWindow, contact.safeZone, now, opts.homeZone);
  return until === null ? null : { until, reason: 'safe_time' };
}

/**
 * Broadcast rows are written in one bulk statement (domain/broadcasts/enqueue.ts); this gives the
 * ordinary (not urgent) ones the same safe-time holds the notifier gives single messages. Runs in
 * the enqueueing transaction; only contacts with a window are looked at.
 */
export function holdBroadcastRows(db: DB, broadcastId: number, now: number, homeZone?: string): number {
  const rows = db
    .prepare(
      `SELECT o.id, c.role, c.safe_window AS safeWindow, c.safe_zone AS safeZone
       FROM contacts c JOIN outbox o ON o.channel = c.channel AND o.chat_id = c.chat_id AND o.state = 'pending'
       WHERE c.safe_window IS NOT NULL AND o.broadcast_id = ? AND o.priority = ? AND o.hold_until IS NULL`,
    )
    .all(broadcastId, PRIORITY.broadcast) as (HoldTarget & { id: number })[];
  const hold = db.prepare("UPDATE outbox SET next_attempt_at = ?, hold_until = ?, hold_reason = ? WHERE id = ? AND state = 'pending'");
  let n = 0;
  for (const r of rows) {
    const h = safeTimeHold(r, now, { homeZone });
    if (h) n += hold.run(h.until, h.until, h.reason, r.id).changes;
  }
  return n;
}

export class Notifier {
  private open?: Outgoing;
  /** better-sqlite3's transaction wrapper, made once: making one costs about as much as a small turn. */
  private readonly inTransaction: <T>(fn: () => T) => T;

  constructor(private readonly deps: NotifierDeps) {
    const tx = deps.db.transaction((fn: () => unknown) => fn());
    this.inTransaction = <T>(fn: () => T) => tx(fn) as T;
  }

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
      result = this.inTransaction(() => fn(out));
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

  /**
   * The hold for a message to `contact` now: its safe-time window, unless the message is urgent,
   * answers the contact's own message (`live`), or the contact is an officer.
   */
  safeTimeHold(contact: HoldTarget, now: number, opts: { urgent?: boolean; live?: boolean } = {}): Hold | null {
    return safeTimeHold(contact, now, { ...opts, homeZone: this.deps.homeZone });
  }

  /** Releases the messages held for a contact's safe time now (an officer confirmed "send now"); returns how many. */
  sendNow(contactId: number): number {
    return this.transaction((out) => {
      return out.release(contactId, 'safe_time');
    });
  }

  private outgoing(now: number, touched: Set<ChannelName>): Outgoing {
    const { outbox, contacts, translator, db, homeZone } = this.deps;
    const defaultLang = this.deps.defaultLang;
    const live = new Set<number>();
    // Methods in the literal, not named arrow functions: made once per transaction, they stay
    // cheap under tsx (no name defined on each), and none uses `this`, so they may be passed around.
    const out: Outgoing = {
      now,
      rendered(row) {
        outbox.enqueue(row, now);
        touched.add(row.channel);
      },
      release(contactId, reason) {
        const released = outbox.release(contactId, now, reason);
        for (const ch of released.channels) touched.add(ch);
        return released.count;
      },
      to(contact, reply, priority = PRIORITY.reply, lang) {
        const language = lang ?? languageOf(contact, defaultLang);
        const payload = renderReply(translator, language, reply);
        // Discreet contacts: what a notification or a locked screen shows is a neutral line.
        if (contact.discreet) payload.text = `${translator.t(language, 'discreet.firstLine')}\n\n${payload.text}`;
        // Officers read people's text with invisible direction and zero-width characters shown.
        if (contact.role === 'officer') payload.text = revealInvisible(payload.text);
        if (reply.template) payload.template = reply.template;
        // The emergency path is never held: urgent replies, any lane ahead of ordinary replies, urgent broadcasts.
        const urgent = reply.urgent === true || priority < PRIORITY.reply || priority === PRIORITY.urgentBroadcast;
        const hold = safeTimeHold(contact, now, { urgent, live: live.has(contact.id), homeZone });
        const id = outbox.enqueue({ channel: contact.channel, chatId: contact.chatId, contactId: contact.id, payload, priority, hold }, now);
        // Kept as skipped (visible in the counts), not sent after the moment it was about.
        if (hold && reply.expiresAt !== undefined && hold.until >= reply.expiresAt) outbox.markFailed(id, EXPIRED_BEFORE_SAFE_TIME, 'skipped');
        else touched.add(contact.channel);
      },
      toContact(contactId, reply, priority) {
        const contact = contacts.get(contactId);
        if (!contact) return false;
        out.to(contact, reply, priority);
        return true;
      },
      inbound(contactId) {
        live.add(contactId);
        out.release(contactId, 'reply_window');
      },
      toAudience(msg) {
        const written = outbox.enqueueAudience(msg, now);
        const neutral = Object.fromEntries(LANGUAGES.map((l) => [l, translator.t(l, 'discreet.firstLine')])) as Record<Lang, string>;
        outbox.prefixDiscreet(msg.broadcastId, neutral, msg.defaultLang);
        holdBroadcastRows(db, msg.broadcastId, now);
        for (const ch of written.channels) touched.add(ch);
        return written;
      },
    };
    return out;
  }
}
