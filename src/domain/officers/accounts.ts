/** Officer accounts for the dashboard: usernames, password hashes, roles, optional own chat. */
import type { ChannelName } from '../../core/types.js';
import { CHANNEL_NAMES } from '../../core/types.js';
import type { DB } from '../../store/db.js';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './passwords.js';

export const OFFICER_ROLES = ['officer', 'admin'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];
const USERNAME = /^[A-Za-z0-9._-]{3,32}$/;

export interface Officer {
  id: number;
  username: string;
  role: OfficerRole;
  contactId: number | null;
}

interface Row {
  id: number;
  username: string;
  password_hash: string;
  role: OfficerRole;
  contact_id: number | null;
  disabled_at: number | null;
}

const toOfficer = (r: Row): Officer => ({ id: r.id, username: r.username, role: r.role, contactId: r.contact_id });

/** A bad username, password, role or chat given to addOfficer. */
export class OfficerInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficerInputError';
  }
}

export interface NewOfficer {
  username: string;
  password: string;
  role?: OfficerRole;
  /** The officer's own chat, as `channel:chatId` (e.g. `telegram:123456`); it becomes an officer chat. */
  chat?: string;
}

/** Creates the account, or replaces the password and role of an existing one. */
export async function addOfficer(db: DB, input: NewOfficer, now: number): Promise<{ officer: Officer; created: boolean }> {
  if (!USERNAME.test(input.username)) throw new OfficerInputError('the username must be 3 to 32 letters, digits, dots, dashes or underscores');
  const problem = passwordProblem(input.password);
  if (problem) throw new OfficerInputError(problem);
  const role = input.role ?? 'officer';
  if (!OFFICER_ROLES.includes(role)) throw new OfficerInputError(`the role must be one of: ${OFFICER_ROLES.join(', ')}`);
  let chat: { channel: ChannelName; chatId: string } | undefined;
  if (input.chat) {
    const i = input.chat.indexOf(':');
    const channel = input.chat.slice(0, i) as ChannelName;
    const chatId = input.chat.slice(i + 1).trim();
    if (i < 1 || !CHANNEL_NAMES.includes(channel) || !chatId) {
      throw new OfficerInputError(`the chat must look like telegram:123456 (channels: ${CHANNEL_NAMES.join(', ')})`);
    }
    chat = { channel, chatId };
  }
  const hash = await hashPassword(input.password);
  return db.transaction(() => {
    let contactId: number | null = null;
    if (chat) {
      db.prepare("INSERT INTO contacts (channel, chat_id, role, created_at) VALUES (?, ?, 'officer', ?) ON CONFLICT (channel, chat_id) DO UPDATE SET role = 'officer'").run(
        chat.channel,
        chat.chatId,
        now,
      );
      contactId = db.prepare('SELECT id FROM contacts WHERE channel = ? AND chat_id = ?').pluck().get(chat.channel, chat.chatId) as number;
    }
    const existing = db.prepare('SELECT * FROM officers WHERE username = ?').get(input.username) as Row | undefined;
    if (existing) {
      db.prepare('UPDATE officers SET password_hash = ?, role = ?, contact_id = COALESCE(?, contact_id), updated_at = ?, disabled_at = NULL WHERE id = ?').run(
        hash,
        role,
        contactId,
        now,
        existing.id,
      );
      // A new password ends every open session of the account.
      db.prepare('DELETE FROM officer_sessions WHERE officer_id = ?').run(existing.id);
      return { officer: toOfficer(db.prepare('SELECT * FROM officers WHERE id = ?').get(existing.id) as Row), created: false };
    }
    const row = db
      .prepare('INSERT INTO officers (username, password_hash, role, contact_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *')
      .get(input.username, hash, role, contactId, now, now) as Row;
    return { officer: toOfficer(row), created: true };
  })();
}

/** Longest username looked at (anything longer cannot be an account). */
export const MAX_USERNAME_INPUT = 64;

/**
 * A typed username as the account lookup (and the sign-in limiter) sees it: compatibility forms
 * folded (NFKC: full-width letters), invisible format characters removed, Unicode spaces trimmed,
 * lower case, at most MAX_USERNAME_INPUT characters.
 */
export function normalizeUsername(typed: string): string {
  return typed
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/^[\s\p{Z}]+|[\s\p{Z}]+$/gu, '')
    .toLowerCase()
    .slice(0, MAX_USERNAME_INPUT);
}

/** The officer for a username and password, or null (same time spent either way). */
export async function checkCredentials(db: DB, username: string, password: string): Promise<Officer | null> {
  const row = db.prepare('SELECT * FROM officers WHERE lower(username) = ? AND disabled_at IS NULL').get(normalizeUsername(username)) as Row | undefined;
  if (!row) return verifyAgainstDummy(password).then(() => null);
  return (await verifyPassword(password, row.password_hash)) ? toOfficer(row) : null;
}

/** An active officer by id. */
export function getOfficer(db: DB, id: number): Officer | undefined {
  const row = db.prepare('SELECT * FROM officers WHERE id = ? AND disabled_at IS NULL').get(id) as Row | undefined;
  return row && toOfficer(row);
}

/** Number of active officer accounts. */
export function countOfficers(db: DB): number {
  return db.prepare('SELECT COUNT(*) FROM officers WHERE disabled_at IS NULL').pluck().get() as number;
}

/** How many dashboard accounts can sign in (not disabled). */
export function countActiveOfficers(db: DB): number {
  return db.prepare('SELECT COUNT(*) FROM officers WHERE disabled_at IS NULL').pluck().get() as number;
}
