/**
 * Family followers: the reporter hands a one-time follow code to a relative, who enters it in
 * their own chat (any channel) and from then on gets the case's status notices; the officer's
 * note too only when the reporter allowed details. Codes are stored as keyed hashes (the PIN key),
 * expire, and work once; wrong codes count against the chat like wrong PINs.
 */
import { createHmac, randomInt } from 'node:crypto';
import type { Reply, Text, VarValue } from '../../conversation/flow.js';
import type { ChannelName } from '../../core/types.js';
import type { DB } from '../../store/db.js';
import { CODE_ALPHABET, CODE_LENGTH, displayCode, isWellFormed, parseCode } from '../broadcasts/verifyCode.js';
import type { NotifyContact } from '../../outbox/notifier.js';
import { caseUpdateTemplate } from './alerts.js';
import type { Case } from './cases.js';
import type { CaseStatus } from './categories.js';

/** A follow code works this long after it was made. */
export const FOLLOW_CODE_TTL_MS = 7 * 24 * 3600_000;
/** Followers one case may have. */
export const MAX_FOLLOWERS = 5;

export interface Follower {
  id: number;
  contactId: number;
  channel: ChannelName;
  details: boolean;
  addedAt: number;
}

function hashCode(key: Buffer, code: string): string {
  return createHmac('sha256', key).update(`follow:${code}`).digest('hex');
}

/** Makes a one-time code for a case; returns it for display ("K7QX-2M9P"). */
export function createFollowCode(db: DB, key: Buffer, caseId: number, details: boolean, createdBy: number, now: number): string {
  let code = '';
  while (!isWellFormed(code)) {
    code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  }
  db.prepare('INSERT INTO follow_codes (case_id, code_hash, details, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    caseId,
    hashCode(key, code),
    details ? 1 : 0,
    createdBy,
    now,
    now + FOLLOW_CODE_TTL_MS,
  );
  return displayCode(code);
}

export type RedeemResult = { ok: true; caseId: number; details: boolean } | { ok: false; reason: 'invalid' | 'own' | 'full' };

/** Uses a follow code for `contactId`: unknown, used and expired codes are all 'invalid'. */
export function redeemFollowCode(db: DB, key: Buffer, text: string, contactId: number, now: number): RedeemResult {
  const code = parseCode(text);
  if (!code) return { ok: false, reason: 'invalid' };
  const row = db
    .prepare('SELECT id, case_id, details FROM follow_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?')
    .get(hashCode(key, code), now) as { id: number; case_id: number; details: number } | undefined;
  if (!row) return { ok: false, reason: 'invalid' };
  const reporter = db.prepare('SELECT reporter_contact_id FROM cases WHERE id = ?').pluck().get(row.case_id) as number | null;
  if (reporter === contactId) return { ok: false, reason: 'own' };
  const count = db.prepare('SELECT COUNT(*) FROM case_followers WHERE case_id = ? AND contact_id != ?').pluck().get(row.case_id, contactId) as number;
  if (count >= MAX_FOLLOWERS) return { ok: false, reason: 'full' };
  db.prepare('UPDATE follow_codes SET used_at = ? WHERE id = ?').run(now, row.id);
  db.prepare(
    `INSERT INTO case_followers (case_id, contact_id, details, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (case_id, contact_id) DO UPDATE SET details = excluded.details`,
  ).run(row.case_id, contactId, row.details, now);
  return { ok: true, caseId: row.case_id, details: row.details === 1 };
}

/** The followers of a case, oldest first. */
export function followersOf(db: DB, caseId: number): Follower[] {
  return db
    .prepare(
      `SELECT f.id, f.contact_id AS contactId, c.channel, f.details, f.added_at AS addedAt
       FROM case_followers f JOIN contacts c ON c.id = f.contact_id WHERE f.case_id = ? ORDER BY f.id`,
    )
    .all(caseId)
    .map((r) => {
      const row = r as Omit<Follower, 'details'> & { details: number };
      return { ...row, details: row.details === 1 };
    });
}

/** Removes one follower of a case; false when it was not one. */
export function removeFollower(db: DB, caseId: number, followerId: number): boolean {
  return db.prepare('DELETE FROM case_followers WHERE id = ? AND case_id = ?').run(followerId, caseId).changes > 0;
}

/** Forgets every follower and unused code of a case (erasure). */
export function forgetFollowers(db: DB, caseId: number): void {
  db.prepare('DELETE FROM case_followers WHERE case_id = ?').run(caseId);
  db.prepare('DELETE FROM follow_codes WHERE case_id = ?').run(caseId);
}

/** A status change as a follower reads it: the reference and the status (`words`: e.g. an application's); the note only with details allowed. */
export function statusToFollower(ref: string, status: CaseStatus, note: string | null, details: boolean, words?: VarValue): Reply {
  const lines: Text[] = [{ key: 'follow.statusChanged', vars: { ref, status: words ?? { t: `case.statusPlain.${status}` } } }];
  if (details && note) lines.push({ key: 'case.officerNote' }, { raw: note });
  // A follower on WhatsApp outside the 24-hour window gets the case-update template, like the reporter.
  return { text: { lines }, template: caseUpdateTemplate(ref) };
}

/** Tells every follower of the case about a status change; returns how many. */
export function notifyFollowers(db: DB, notify: NotifyContact, c: Case, status: CaseStatus, note: string | null, words?: VarValue): number {
  const followers = followersOf(db, c.id);
  for (const f of followers) notify(f.contactId, statusToFollower(c.ref, status, note, f.details, words));
  return followers.length;
}
