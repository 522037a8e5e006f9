/** Contacts: one row per chat on one channel. */
import type { ChannelName, Lang } from '../core/types.js';
import { type DB, prepared } from './db.js';
import type { Statement } from 'better-sqlite3';

export interface Contact {
  id: number;
  channel: ChannelName;
  chatId: string;
  language: Lang | null;
  role: 'user' | 'officer';
  audience: string | null;
  country: string | null;
  subscribed: boolean | null;
  consentAt: number | null;
  unreachableAt: number | null;
  lastInboundAt: number | null;
  createdAt: number;
  /** Messages from officers only in this window of the contact's day (see outbox/safeTime.ts); null: any time. */
  safeWindow: string | null;
  /** The zone of that window (IANA, from the contact's country, or a fixed offset like 'UTC+3'). */
  safeZone: string | null;
  /** Discreet mode: neutral first lines, details only after the PIN. */
  discreet: boolean;
}

/** Changes to the contact record that the router applies in the same transaction. */
export interface ContactPatch {
  language?: Lang;
  subscribed?: boolean;
  country?: string | null;
  audience?: string | null;
  discreet?: boolean;
}

interface Row {
  id: number;
  channel: ChannelName;
  chat_id: string;
  language: Lang | null;
  role: 'user' | 'officer';
  audience: string | null;
  country: string | null;
  subscribed: number | null;
  consent_at: number | null;
  unreachable_at: number | null;
  last_inbound_at: number | null;
  created_at: number;
  safe_window: string | null;
  safe_zone: string | null;
  discreet: number;
}

/** The contact's language, or the helpline's default when they never chose one (or there is no contact). */
export function languageOf(contact: Pick<Contact, 'language'> | null | undefined, defaultLang: Lang): Lang {
  return contact?.language ?? defaultLang;
}

function toContact(r: Row): Contact {
  return {
    id: r.id,
    channel: r.channel,
    chatId: r.chat_id,
    language: r.language,
    role: r.role,
    audience: r.audience,
    country: r.country,
    subscribed: r.subscribed === null ? null : r.subscribed === 1,
    consentAt: r.consent_at,
    unreachableAt: r.unreachable_at,
    lastInboundAt: r.last_inbound_at,
    createdAt: r.created_at,
    safeWindow: r.safe_window,
    safeZone: r.safe_zone,
    discreet: r.discreet === 1,
  };
}

/** Prepared statements over the contacts table. */
export class ContactStore {
  private readonly byChat;
  private readonly byId;
  private readonly insert;
  private readonly touch;
  /** Patch statements by the columns they set (a language change is a turn like any other). */
  private readonly patches = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: DB) {
    this.byChat = db.prepare<[string, string], Row>('SELECT * FROM contacts WHERE channel = ? AND chat_id = ?');
    this.byId = db.prepare<[number], Row>('SELECT * FROM contacts WHERE id = ?');
    this.insert = db.prepare<[string, string, string, number], Row>(
      'INSERT INTO contacts (channel, chat_id, role, created_at) VALUES (?, ?, ?, ?) RETURNING *',
    );
    this.touch = db.prepare<[number, number]>('UPDATE contacts SET last_inbound_at = ?, unreachable_at = NULL WHERE id = ?');
  }

  get(id: number): Contact | undefined {
    const r = this.byId.get(id);
    return r && toContact(r);
  }

  find(channel: ChannelName, chatId: string): Contact | undefined {
    const r = this.byChat.get(channel, chatId);
    return r && toContact(r);
  }

  /** Finds or creates the contact; `officer` marks chats listed as officers in config. */
  upsert(channel: ChannelName, chatId: string, now: number, officer: boolean): Contact {
    const existing = this.byChat.get(channel, chatId);
    if (existing) {
      if (officer && existing.role !== 'officer') {
        this.db.prepare("UPDATE contacts SET role = 'officer' WHERE id = ?").run(existing.id);
        existing.role = 'officer';
      }
      return toContact(existing);
    }
    return toContact(this.insert.get(channel, chatId, officer ? 'officer' : 'user', now) as Row);
  }

  /** Records that the contact wrote to us (it can be reached again, and its 24 h window opens). */
  touchInbound(id: number, now: number): void {
    this.touch.run(now, id);
  }

  applyPatch(id: number, patch: ContactPatch): void {
    const sets: string[] = [];
    const vals: (string | number | null)[] = [];
    if (patch.language !== undefined) (sets.push('language = ?'), vals.push(patch.language));
    if (patch.subscribed !== undefined) (sets.push('subscribed = ?'), vals.push(patch.subscribed ? 1 : 0));
    if (patch.country !== undefined) (sets.push('country = ?'), vals.push(patch.country));
    if (patch.audience !== undefined) (sets.push('audience = ?'), vals.push(patch.audience));
    if (patch.discreet !== undefined) (sets.push('discreet = ?'), vals.push(patch.discreet ? 1 : 0));
    if (!sets.length) return;
    const cols = sets.join(', ');
    let stmt = this.patches.get(cols);
    if (!stmt) this.patches.set(cols, (stmt = this.db.prepare(`UPDATE contacts SET ${cols} WHERE id = ?`)));
    stmt.run(...vals, id);
  }

  /** Records that the contact agreed to us keeping what they report (the first time only). */
  recordConsent(id: number, now: number): void {
    prepared(this.db, 'UPDATE contacts SET consent_at = COALESCE(consent_at, ?) WHERE id = ?').run(now, id);
  }

  /** Forgets the contact's personal fields; the chat id and language stay so the conversation can go on. */
  erasePersonalFields(id: number): void {
    this.db.prepare('UPDATE contacts SET audience = NULL, country = NULL, subscribed = 0, consent_at = NULL, safe_window = NULL, safe_zone = NULL WHERE id = ?').run(id);
  }

  markUnreachable(channel: ChannelName, chatId: string, now: number): void {
    this.db.prepare('UPDATE contacts SET unreachable_at = ? WHERE channel = ? AND chat_id = ?').run(now, channel, chatId);
  }

  officers(): Contact[] {
    return (this.db.prepare("SELECT * FROM contacts WHERE role = 'officer' ORDER BY id").all() as Row[]).map(toContact);
  }
}
