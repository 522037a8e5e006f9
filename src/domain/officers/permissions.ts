/**
 * Roles, enforced the same way from the dashboard, the API and chat commands. `officer` handles
 * cases and gatherings; `admin` also broadcasts to everyone or to more than
 * BROADCAST_OFFICER_MAX_RECIPIENTS people, imports or replaces the agency register, manages
 * officer accounts and channels (the WhatsApp QR), and exports personal data.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DB } from '../../store/db.js';
import type { OfficerRole } from './accounts.js';

export type AdminAction = 'broadcast.large' | 'agencies.import' | 'officers.manage' | 'channels.manage' | 'data.export';

/** Thrown (and answered 403 / "not allowed") when an officer tries an admin-only action. */
export class RoleRequiredError extends Error {
  constructor(readonly action: AdminAction) {
    super(`only an admin may do this (${action})`);
    this.name = 'RoleRequiredError';
  }
}

/** True when the role may do the admin-only action. */
export function mayDo(role: OfficerRole, _action: AdminAction): boolean {
  return role === 'admin';
}

/** Throws RoleRequiredError unless the role may do the action. */
export function requireRole(role: OfficerRole, action: AdminAction): void {
  if (!mayDo(role, action)) throw new RoleRequiredError(action);
}

/** True when a broadcast needs an admin: to everyone, or to more than `maxForOfficers` people. */
export function broadcastNeedsAdmin(audienceKind: string, recipients: number, maxForOfficers: number): boolean {
  return audienceKind === 'everyone' || recipients > maxForOfficers;
}

/**
 * The role behind an officer chat: its linked dashboard account's role, else `officer` (chats
 * listed in OFFICER_TELEGRAM_IDS / OFFICER_WHATSAPP_NUMBERS are officers; link an admin account
 * to the chat with `npm run add-officer -- --chat` to give it admin rights).
 */
export function chatRole(db: DB, contactId: number): OfficerRole {
  const role = db.prepare('SELECT role FROM officers WHERE contact_id = ? AND disabled_at IS NULL ORDER BY id LIMIT 1').pluck().get(contactId) as OfficerRole | undefined;
  return role ?? 'officer';
}

/** Characters of randomness (base64url) in an officer API token. */
export const OFFICER_TOKEN_BYTES = 32;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Issues a new API token for an officer account; returns it (shown once, only its hash is kept). */
export function issueOfficerApiToken(db: DB, officerId: number, now: number): string {
  const token = `hlp_${randomBytes(OFFICER_TOKEN_BYTES).toString('base64url')}`;
  db.prepare('INSERT INTO officer_api_tokens (officer_id, token_sha256, created_at) VALUES (?, ?, ?)').run(officerId, sha256(token), now);
  return token;
}

/** Revokes every API token of an officer account; returns how many. */
export function revokeOfficerApiTokens(db: DB, officerId: number, now: number): number {
  return db.prepare('UPDATE officer_api_tokens SET revoked_at = ? WHERE officer_id = ? AND revoked_at IS NULL').run(now, officerId).changes;
}

/** The active officer account behind a presented API token, or null. */
export function officerByApiToken(db: DB, presented: string): { id: number; username: string; role: OfficerRole } | null {
  const row = db
    .prepare(
      `SELECT o.id, o.username, o.role FROM officer_api_tokens t JOIN officers o ON o.id = t.officer_id
       WHERE t.token_sha256 = ? AND t.revoked_at IS NULL AND o.disabled_at IS NULL`,
    )
    .get(sha256(presented)) as { id: number; username: string; role: OfficerRole } | undefined;
  return row ?? null;
}
