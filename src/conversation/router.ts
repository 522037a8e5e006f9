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
import { StorageUnavailableError } from '../core/errors.js';
import { type ChannelName, type Inbound, type IntakeResult, type Lang, type Outbound, LANGUAGES } from '../core/types.js';
import type { Translator } from '../i18n.js';
import { type Logger, chatTag } from '../logger.js';
import type { Notifier, Outgoing } from '../outbox/notifier.js';
import { PRIORITY, type Priority } from '../outbox/store.js';
import type { AuditLog } from '../store/audit.js';
import { type Contact, type ContactStore, languageOf } from '../store/contacts.js';
import type { DB } from '../store/db.js';
import type { SessionStore } from '../store/sessions.js';
import type { SessionState } from './session.js';
import type { ActionContext } from './actions.js';
import { type Effect, resume, turn } from './engine.js';
import type { ActionResult, ContactView, Reply, Text, TurnInput } from './flow.js';
import type { BuiltRegistry } from './registry.js';
import { renderReply } from '../outbox/render.js';
import { MAX_INPUT_CHARS, cleanText, matchForm } from './text.js';
import { globalWord } from './globalWords.js';
import { type RateDecision, prepareRateLimiter } from './rateLimit.js';

/** Actions one turn may call before the router declares a loop. */
export const MAX_CALLS_PER_TURN = 16;
/** "Cannot take your message now" is sent directly at most this often per chat while the database is unavailable. */
export const UNAVAILABLE_NOTICE_GAP_MS = 60_000;
/** SQLite error codes (prefixes) meaning the database cannot take a write now, but may later. */
export const STORAGE_UNAVAILABLE_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN'] as const;

export interface RouterDeps {
  db: DB;
  config: Config;
  built: BuiltRegistry;
  translator: Translator;
  clock: Clock;
  log: Logger;
  contacts: ContactStore;
  sessions: SessionStore<SessionState>;
  audit: AuditLog;
  /** Queues the turn's replies in the turn's transaction and wakes delivery after the commit. */
  notifier: Notifier;
  /**
   * The database cannot take a message now: deliver this notice directly through the channel (the
   * outbox cannot be written). Best effort; the router throttles it per chat.
   */
  onUnavailable?: (msg: Inbound, notice: Outbound) => void;
  /** True when the contact reported an urgent case still open: the urgent lane (domain knowledge, given by the app). */
  hasOpenUrgentCase?(contactId: number): boolean;
  /** References of a contact's open cases, newest first (read once per turn). */
  openCasesOf?(contactId: number): string[];
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
  private readonly contacts: ContactStore;
  private readonly sessions: SessionStore<SessionState>;
  private readonly audit: AuditLog;
  private readonly markSeen;
  private readonly rateLimit;
  private readonly unavailableNoticeAt = new Map<string, number>();
  private readonly renderers = new Map<Lang, (text: Text) => string>();
  private closed = false;

  constructor(private readonly deps: RouterDeps) {
    const { db } = deps;
    this.contacts = deps.contacts;
    this.sessions = deps.sessions;
    this.audit = deps.audit;
    this.markSeen = db.prepare<[string, string, number]>('INSERT OR IGNORE INTO inbound_seen (channel, platform_id, seen_at) VALUES (?, ?, ?)');
    this.rateLimit = prepareRateLimiter(db, { messages: deps.config.RATE_LIMIT_MESSAGES, windowMs: deps.config.RATE_LIMIT_WINDOW_SECONDS * 1000 });
  }

  private runTurn(msg: Inbound, now: number): IntakeResult {
    return this.deps.notifier.transaction((out) => this.turnInTx(msg, now, out), now);
  }

  private runApology(msg: Inbound, now: number): void {
    this.deps.notifier.transaction((out) => {
      this.markSeen.run(msg.channel, msg.platformId, now);
      const contact = this.contacts.upsert(msg.channel, msg.chatId, now, isConfiguredOfficer(this.deps.config, msg.channel, msg.chatId));
      out.to(contact, { text: { key: 'common.apology' } });
    }, now);
  }

  /** Stops accepting messages (graceful shutdown); later calls answer 'refused'. */
  close(): void {
    this.closed = true;
  }

  /** Handles one inbound message; resolves after its turn is committed (the channel may ack then). */
  async handle(msg: Inbound): Promise<IntakeResult> {
    if (this.closed) return 'refused';
    const now = this.deps.clock.now();
    try {
      return this.runTurn(msg, now);
    } catch (err) {
      if (storageCode(err)) return this.unavailable(msg, err, now);
      this.deps.log.error(
        { err: errorSummary(err), channel: msg.channel, chat: chatTag(msg.channel, msg.chatId), platformId: msg.platformId },
        'turn failed; nothing saved, apologising',
      );
      try {
        this.runApology(msg, now);
      } catch (apologyErr) {
        if (storageCode(apologyErr)) return this.unavailable(msg, apologyErr, now);
        throw apologyErr;
      }
      return 'error';
    }
  }

  /**
   * The database refused the turn (locked, full): nothing was saved. Tells the user directly that
   * the message cannot be taken now (throttled per chat) and throws, so the channel does not
   * acknowledge the platform and the message comes again once the database recovers.
   */
  private unavailable(msg: Inbound, err: unknown, now: number): never {
    const code = storageCode(err) as string;
    const chat = chatTag(msg.channel, msg.chatId);
    this.deps.log.error(
      { code, channel: msg.channel, chat, platformId: msg.platformId, error: err instanceof Error ? err.message : String(err) },
      'database unavailable (locked by another process or disk full): message NOT taken and not acknowledged; the platform will deliver it again',
    );
    const key = `${msg.channel}:${msg.chatId}`;
    const last = this.unavailableNoticeAt.get(key);
    if (!msg.group && (last === undefined || now - last >= UNAVAILABLE_NOTICE_GAP_MS || now < last)) {
      this.unavailableNoticeAt.set(key, now);
      try {
        this.deps.onUnavailable?.(msg, renderReply(this.deps.translator, this.languageFor(msg), { text: { key: 'common.unavailable' } }));
      } catch (noticeErr) {
        this.deps.log.warn({ chat, error: noticeErr instanceof Error ? noticeErr.message : String(noticeErr) }, 'could not send the "cannot take your message now" notice');
      }
    }
    throw new StorageUnavailableError(code, err);
  }

  /** The contact's language for a notice sent without a turn (reads still work while writes are refused). */
  private languageFor(msg: Inbound): Lang {
    try {
      const lang = this.contacts.find(msg.channel, msg.chatId)?.language;
      if (lang) return lang;
    } catch {
      // The database may be unreadable too; fall back to the hint below.
    }
    const hint = msg.languageHint?.slice(0, 2).toLowerCase();
    return (LANGUAGES as readonly string[]).includes(hint ?? '') ? (hint as Lang) : this.deps.config.DEFAULT_LANGUAGE;
  }

  private turnInTx(msg: Inbound, now: number, out: Outgoing): IntakeResult {
    const { config, built, log } = this.deps;
    if (this.markSeen.run(msg.channel, msg.platformId, now).changes === 0) return 'duplicate';
    let contact = this.contacts.upsert(msg.channel, msg.chatId, now, isConfiguredOfficer(config, msg.channel, msg.chatId));
    this.contacts.touchInbound(contact.id, now);
    out.inbound(contact.id); // replies in this turn are not held; messages waiting for this answer go out
    // The urgent lane: an emergency word, danger words or an open urgent case passes every limit,
    // and everything the turn sends goes first.
    const urgent = this.isEmergency(msg) || this.deps.hasOpenUrgentCase?.(contact.id) === true;
    const flood = urgent ? 'ok' : this.floodDecision(contact, msg, now);
    if (flood !== 'ok') {
      // Marked seen above (so the platform does not deliver it again) and otherwise dropped.
      if (flood === 'notice') {
        out.to(contact, { text: { key: 'common.slowDown', vars: { seconds: config.RATE_LIMIT_WINDOW_SECONDS } } });
        log.warn({ chat: chatTag(msg.channel, msg.chatId), limit: config.RATE_LIMIT_MESSAGES, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS }, 'contact is flooding: slow-down notice sent, further messages in this window dropped');
      }
      return 'handled';
    }
    const input: TurnInput = {
      text: msg.text ?? '',
      media: msg.media,
      kind: msg.kind ?? 'message',
      contact: view(contact, () => this.openCasesFor(contact)),
      now,
      group: msg.group,
      render: this.renderer(contact.language ?? config.DEFAULT_LANGUAGE),
    };
    const effects: Effect[] = [];
    let turnOut = turn(built.registry, this.sessions.load(contact.id), input);
    effects.push(...turnOut.effects);
    contact = this.applyEffects(contact, turnOut.effects, now);
    for (let calls = 0; turnOut.call; calls++) {
      if (calls >= MAX_CALLS_PER_TURN) throw new Error(`more than ${MAX_CALLS_PER_TURN} actions in one turn at ${turnOut.state.flow}/${turnOut.state.step}`);
      const action = built.actions[turnOut.call.action];
      const ctx = this.actionContext(contact, msg, now, turnOut.state.data, out, urgent ? PRIORITY.urgent : PRIORITY.reply);
      const result: ActionResult = action(ctx, turnOut.call.args);
      const before = input.contact;
      input.contact = view(contact, () => before.openCases);
      turnOut = resume(built.registry, turnOut.state, input, result);
      effects.push(...turnOut.effects);
      contact = this.applyEffects(contact, turnOut.effects, now);
    }
    this.sessions.save(contact.id, turnOut.state, now);
    for (const e of effects) {
      if (e.type === 'reply') out.to(contact, e.reply, urgent ? PRIORITY.urgent : PRIORITY.reply);
    }
    // chatTag hashes: compute it only when debug lines are written.
    if (log.isLevelEnabled('debug')) {
      log.debug({ chat: chatTag(msg.channel, msg.chatId), flow: turnOut.state.flow, step: turnOut.state.step, replies: effects.filter((e) => e.type === 'reply').length }, 'turn committed');
    }
    return 'handled';
  }

  /** True for an emergency word or danger words (a person in danger is never silenced). */
  private isEmergency(msg: Inbound): boolean {
    const text = cleanText(msg.text ?? '').slice(0, MAX_INPUT_CHARS);
    return globalWord(matchForm(text)) === 'emergency' || Boolean(this.deps.built.registry.danger?.(text));
  }

  /** Officers are not limited (urgent messages never reach here). */
  private floodDecision(contact: Contact, _msg: Inbound, now: number): RateDecision {
    if (contact.role === 'officer') return 'ok';
    return this.rateLimit(contact.id, now);
  }

  /** Renders option labels as the contact reads them, so the engine can match typed labels (one per language, reused). */
  private renderer(lang: Lang): (text: Text) => string {
    let r = this.renderers.get(lang);
    if (!r) {
      const tr = this.deps.translator;
      r = (text: Text) => tr.render(lang, text);
      this.renderers.set(lang, r);
    }
    return r;
  }

  private applyEffects(contact: Contact, effects: Effect[], now: number): Contact {
    let changed = false;
    for (const e of effects) {
      if (e.type === 'contact') {
        this.contacts.applyPatch(contact.id, e.patch);
        changed = true;
      } else if (e.type === 'audit') {
        this.audit.record(now, `contact:${contact.id}`, e.action, undefined, e.detail);
        if (e.warn) this.deps.log.warn({ action: e.action, detail: e.detail, contact: contact.id }, e.warn);
      }
    }
    return changed ? (this.contacts.get(contact.id) as Contact) : contact;
  }

  /** The contact's open case references (not for officers: they never send to an officer). */
  private openCasesFor(contact: Contact): string[] | undefined {
    return contact.role === 'officer' ? undefined : this.deps.openCasesOf?.(contact.id);
  }

  private actionContext(contact: Contact, inbound: Inbound, now: number, data: ActionContext['data'], out: Outgoing, lane: Priority): ActionContext {
    const audit = this.audit;
    return {
      db: this.deps.db,
      config: this.deps.config,
      translator: this.deps.translator,
      contact,
      lang: languageOf(contact, this.deps.config.DEFAULT_LANGUAGE),
      contacts: this.contacts,
      inbound: { ...inbound, text: cleanText(inbound.text ?? '') },
      now,
      data,
      // In an urgent turn everything it sends (officer alerts included) takes the urgent lane.
      // Methods in the literal rather than named arrows: no name is defined on each (tsx), no `this` used.
      notify(contactId, reply, priority = lane) {
        out.toContact(contactId, reply, priority);
      },
      out,
      audit(action, subject, detail) {
        audit.record(now, `contact:${contact.id}`, action, subject, detail);
      },
    };
  }
}

/** What the engine sees of the contact; the open cases are read only if the engine asks (rarely: text it did not understand). */
function view(c: Contact, openCases: () => string[] | undefined): ContactView {
  return new LazyContactView(c, openCases);
}

/** A class with the getter on its prototype: an object per turn with a fast shape (a getter on the object itself is slow to build). */
class LazyContactView implements ContactView {
  readonly lang: ContactView['lang'];
  readonly role: ContactView['role'];
  readonly subscribed: ContactView['subscribed'];
  readonly country: ContactView['country'];
  readonly audience: ContactView['audience'];
  private read: { value: string[] | undefined } | undefined;

  constructor(
    c: Contact,
    private readonly load: () => string[] | undefined,
  ) {
    this.lang = c.language;
    this.role = c.role;
    this.subscribed = c.subscribed;
    this.country = c.country;
    this.audience = c.audience;
  }

  get openCases(): string[] | undefined {
    return (this.read ??= { value: this.load() }).value;
  }
}

/** The SQLite code when the error means "the database cannot take a write now" (locked, full, read-only). */
export function storageCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return STORAGE_UNAVAILABLE_CODES.some((c) => code === c || code.startsWith(`${c}_`)) ? code : undefined;
}

function errorSummary(err: unknown): { name: string; message: string; stack?: string } {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}
