/**
 * Who did something, as written in the audit log and case history: `reporter`, `api`, `system`,
 * `officer:<contact id>` (an officer chat) or `dashboard:<account id>` (a dashboard account).
 * One parser and one lookup, so the chat and the dashboard name the same actor the same way.
 */
import type { DB } from '../../store/db.js';

/** An actor resolved for people to read; usernames are null when the account is gone. */
export type ActorIdentity =
  | { kind: 'reporter' | 'api' | 'system' }
  | { kind: 'account'; accountId: number; username: string | null }
  | { kind: 'chatOfficer'; contactId: number; username: string | null };

const ACTOR = /^(officer|dashboard):(\d+)$/;

/** The actor written for an officer acting from their chat. */
export const chatOfficerActor = (contactId: number): string => `officer:${contactId}`;
/** The actor written for an officer acting from the dashboard. */
export const dashboardActor = (accountId: number): string => `dashboard:${accountId}`;

/** Resolves a stored actor string; anything unknown is the system. */
export function identifyActor(db: DB, actor: string): ActorIdentity {
  if (actor === 'reporter' || actor === 'api') return { kind: actor };
  const m = ACTOR.exec(actor);
  if (!m) return { kind: 'system' };
  const id = Number(m[2]);
  if (m[1] === 'dashboard') {
    const username = db.prepare<[number], string>('SELECT username FROM officers WHERE id = ?').pluck().get(id) ?? null;
    return { kind: 'account', accountId: id, username };
  }
  const username = db.prepare<[number], string>('SELECT username FROM officers WHERE contact_id = ?').pluck().get(id) ?? null;
  return { kind: 'chatOfficer', contactId: id, username };
}
