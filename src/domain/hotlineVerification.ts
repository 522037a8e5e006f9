/**
 * An admin confirms an emergency-contact entry (data/contacts.json) in the dashboard: who and when
 * are stored and audited. A confirmation holds a fingerprint of the entry's numbers, so a changed
 * number in a later release shows the "not yet verified" note again until confirmed anew.
 */
import crypto from 'node:crypto';
import { type DB, prepared } from '../store/db.js';
import { type Hotline, allHotlines } from './reference.js';

export interface HotlineVerification {
  hotlineId: string;
  verifiedByName: string;
  verifiedAt: number;
  /** False when the shipped numbers changed since the confirmation. */
  current: boolean;
}

/** A stable digest of what an admin confirms: the entry's numbers and short codes. */
export function hotlineFingerprint(h: Pick<Hotline, 'numbers' | 'shortCodes'>): string {
  const parts = [...h.numbers.map((n) => `${n.kind}=${n.value}`), ...(h.shortCodes ?? []).map((c) => `${c.kind}@${c.dialFrom}=${c.value}`)];
  return crypto.createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

/** Every stored confirmation, by entry id, with whether it still matches the shipped numbers. */
export function hotlineVerifications(db: DB): Map<string, HotlineVerification> {
  const rows = prepared(db, 'SELECT hotline_id, fingerprint, verified_by_name, verified_at FROM hotline_verifications').all() as {
    hotline_id: string;
    fingerprint: string;
    verified_by_name: string;
    verified_at: number;
  }[];
  const byId = new Map(allHotlines().map((h) => [h.id, h]));
  const out = new Map<string, HotlineVerification>();
  for (const r of rows) {
    const h = byId.get(r.hotline_id);
    if (!h) continue;
    out.set(r.hotline_id, { hotlineId: r.hotline_id, verifiedByName: r.verified_by_name, verifiedAt: r.verified_at, current: hotlineFingerprint(h) === r.fingerprint });
  }
  return out;
}

/** Ids of entries whose current numbers an admin has confirmed. */
export function verifiedHotlineIds(db: DB): Set<string> {
  return new Set([...hotlineVerifications(db).values()].filter((v) => v.current).map((v) => v.hotlineId));
}

/** Records that an admin confirmed an entry's current numbers; false for an unknown id. */
export function markHotlineVerified(db: DB, hotlineId: string, officer: { id: number; username: string }, now: number): boolean {
  const h = allHotlines().find((x) => x.id === hotlineId);
  if (!h) return false;
  db.prepare(
    `INSERT INTO hotline_verifications (hotline_id, fingerprint, verified_by, verified_by_name, verified_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (hotline_id) DO UPDATE SET fingerprint = excluded.fingerprint, verified_by = excluded.verified_by,
       verified_by_name = excluded.verified_by_name, verified_at = excluded.verified_at`,
  ).run(hotlineId, hotlineFingerprint(h), officer.id, officer.username, now);
  return true;
}

/** Withdraws a confirmation (the note returns); false when there was none. */
export function unmarkHotlineVerified(db: DB, hotlineId: string): boolean {
  return db.prepare('DELETE FROM hotline_verifications WHERE hotline_id = ?').run(hotlineId).changes > 0;
}
