/**
 * The router acts on what the engine decides. One inbound message is one turn, and one turn is
 * ONE SQLite transaction: dedupe row, contact, session, domain writes by actions, and outbox rows.
 * Nothing is sent from here; the dispatcher delivers after the commit.
 *
 * Turns are synchronous (better-sqlite3), so within this process turns never interleave: each
 * contact's messages are handled in arrival order and one contact never sees another's state.
 */
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { ChannelName, Inbound, IntakeResult, Lang } from '../core/types.js';
import type { Translator } from '../i18n.js';
import { type Logger, chatTag } from '../logger.js';
import { OutboxStore, PRIORITY, type Priority } from '../outbox/store.js';
import { AuditLog } from '../store/audit.js';
import { type Contact, ContactStore } from '../store/contacts.js';
import type { DB } from '../store/db.js';
import { SessionStore } from '../store/sessions.js';
import type { ActionContext } from './actions.js';
import { type Effect, resume, turn } from './engine.js';
import type { ActionResult, ContactView, Reply, TurnInput } from './flow.js';
import type { BuiltRegistry } from './registry.js';
import { renderReply } from './render.js';
import { cleanText } from './text.js';

/** Actions one turn may call before the router declares a loop. */
export const MAX_CALLS_PER_TURN = 16;

export interface RouterDeps {
  db: DB;
  config: Config;
  built: BuiltRegistry;
  translator: Translator;
  clock: Clock;
  log: Logger;
  /** Told which channels got new outbox rows after each commit. */
  onCommitted?: (channels: Set<ChannelName>) => void;
}

/** True when config lists this chat as an officer. */
export function isConfiguredOfficer(config: Config, channel: ChannelName, chatId: string): boolean {
  if (channel === 'telegram') return config.OFFICER_TELEGRAM_IDS.includes(chatId);
  if (channel === 'whatsapp-web' || channel === 'whatsapp-cloud') {
    const digits = chatId.replace(/\D/g, '');
    return config.OFFICER_WHATSAPP_NUMBERS.some((n) => n.replace(/\D/g, '') === digits && digits.length > 0);
  }
  return false;
}

export class Router {
  readonly contacts: ContactStore;
  readonly sessions: SessionStore;
  readonly outbox: OutboxStore;
  readonly audit: AuditLog;
  private readonly markSeen;
  private readonly runTurn;
  private readonly runApology;
  private closed = false;

  constructor(private readonly deps: RouterDeps) {
    const { db } = deps;
    this.contacts = new ContactStore(db);
    this.sessions = new SessionStore(db);
    this.outbox = new OutboxStore(db);
    this.audit = new AuditLog(db);
    this.markSeen = db.prepare<[string, string, number]>('INSERT OR IGNORE INTO inbound_seen (channel, platform_id, seen_at) VALUES (?, ?, ?)');
    this.runTurn = db.transaction((msg: Inbound, now: number, touched: Set<ChannelName>) => this.turnInTx(msg, now, touched));
    this.runApology = db.transaction((msg: Inbound, now: number, touched: Set<ChannelName>) => {
      this.markSeen.run(msg.channel, msg.platformId, now);
      const contact = this.contacts.upsert(msg.channel, msg.chatId, now, isConfiguredOfficer(deps.config, msg.channel, msg.chatId));
      this.enqueueFor(contact, { text: { key: 'common.apology' } }, PRIORITY.reply, now, touched);
    });
  }

  /** Stops accepting messages (graceful shutdown); later calls answer 'refused'. */
  close(): void {
    this.closed = true;
  }

  /** Handles one inbound message; resolves after its turn is committed (the channel may ack then). */
  async handle(msg: Inbound): Promise<IntakeResult> {
    if (this.closed) return 'refused';
    const now = this.deps.clock.now();
    const touched = new Set<ChannelName>();
    try {
      const result = this.runTurn(msg, now, touched);
      if (touched.size) this.deps.onCommitted?.(touched);
      return result;
    } catch (err) {
      this.deps.log.error(
        { err: errorSummary(err), channel: msg.channel, chat: chatTag(msg.channel, msg.chatId), platformId: msg.platformId },
        'turn failed; nothing saved, apologising',
      );
      const apologyTouched = new Set<ChannelName>();
      this.runApology(msg, now, apologyTouched);
      this.deps.onCommitted?.(apologyTouched);
      return 'error';
    }
  }

  private turnInTx(msg: Inbound, now: number, touched: Set<ChannelName>): IntakeResult {
    const { config, built, log } = this.deps;
    if (this.markSeen.run(msg.channel, msg.platformId, now).changes === 0) return 'duplicate';
    let contact = this.contacts.upsert(msg.channel, msg.chatId, now, isConfiguredOfficer(config, msg.channel, msg.chatId));
    this.contacts.touchInbound(contact.id, now);
    const input: TurnInput = {
      text: msg.text ?? '',
      media: msg.media,
      kind: msg.kind ?? 'message',
      contact: view(contact),
      now,
      group: msg.group,
    };
    const effects: Effect[] = [];
    let out = turn(built.registry, this.sessions.load(contact.id), input);
    effects.push(...out.effects);
    contact = this.applyEffects(contact, out.effects, now);
    for (let calls = 0; out.call; calls++) {
      if (calls >= MAX_CALLS_PER_TURN) throw new Error(`more than ${MAX_CALLS_PER_TURN} actions in one turn at ${out.state.flow}/${out.state.step}`);
      const action = built.actions[out.call.action];
      const ctx = this.actionContext(contact, msg, now, out.state.data, touched);
      const result: ActionResult = action(ctx, out.call.args);
      input.contact = view(contact);
      out = resume(built.registry, out.state, input, result);
      effects.push(...out.effects);
      contact = this.applyEffects(contact, out.effects, now);
    }
    this.sessions.save(contact.id, out.state, now);
    const lang = contact.language ?? config.DEFAULT_LANGUAGE;
    for (const e of effects) {
      if (e.type === 'reply') this.enqueueRendered(contact, lang, e.reply, PRIORITY.reply, now, touched);
    }
    // chatTag hashes: compute it only when debug lines are written.
    if (log.isLevelEnabled('debug')) {
      log.debug({ chat: chatTag(msg.channel, msg.chatId), flow: out.state.flow, step: out.state.step, replies: effects.filter((e) => e.type === 'reply').length }, 'turn committed');
    }
    return 'handled';
  }

  private applyEffects(contact: Contact, effects: Effect[], now: number): Contact {
    let changed = false;
    for (const e of effects) {
      if (e.type === 'contact') {
        this.contacts.applyPatch(contact.id, e.patch);
        changed = true;
      } else if (e.type === 'audit') {
        this.audit.record(now, `contact:${contact.id}`, e.action, undefined, e.detail);
      }
    }
    return changed ? (this.contacts.get(contact.id) as Contact) : contact;
  }

  private actionContext(contact: Contact, inbound: Inbound, now: number, data: ActionContext['data'], touched: Set<ChannelName>): ActionContext {
    return {
      db: this.deps.db,
      config: this.deps.config,
      contact,
      inbound: { ...inbound, text: cleanText(inbound.text ?? '') },
      now,
      data,
      notify: (contactId, reply, priority = PRIORITY.reply) => {
        const other = this.contacts.get(contactId);
        if (other) this.enqueueFor(other, reply, priority, now, touched);
      },
      audit: (action, subject, detail) => this.audit.record(now, `contact:${contact.id}`, action, subject, detail),
    };
  }

  /** Renders a reply in the contact's language and queues it (inside the caller's transaction). */
  enqueueFor(contact: Contact, reply: Reply, priority: Priority, now: number, touched: Set<ChannelName>): void {
    this.enqueueRendered(contact, contact.language ?? this.deps.config.DEFAULT_LANGUAGE, reply, priority, now, touched);
  }

  private enqueueRendered(contact: Contact, lang: Lang, reply: Reply, priority: Priority, now: number, touched: Set<ChannelName>): void {
    const payload = renderReply(this.deps.translator, lang, reply);
    this.outbox.enqueue({ channel: contact.channel, chatId: contact.chatId, contactId: contact.id, payload, priority }, now);
    touched.add(contact.channel);
  }
}

function view(c: Contact): ContactView {
  return { lang: c.language, role: c.role, subscribed: c.subscribed, country: c.country, audience: c.audience };
}

function errorSummary(err: unknown): { name: string; message: string; stack?: string } {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}
