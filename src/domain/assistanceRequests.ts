/**
 * Requests for help from an assistance program.
 * MERGE: when the complaints domain lands, `recordAssistanceRequest` becomes a call to
 * `createCase(db, { kind: 'assistance', ... })` so officers see and answer it like a case (same
 * reference, statuses and data rights), and the assistance_requests table goes away.
 */
import { DateTime } from 'luxon';
import type { DB } from '../store/db.js';

export const WHO = ['self', 'family', 'exworker', 'other'] as const;
export type Who = (typeof WHO)[number];

export interface AssistanceRequest {
  contactId: number;
  program: string | null;
  who: Who;
  village: string;
  need: string;
  /** 'chat' or the phone number the person gave. */
  reach: string;
}

/** Stores a request and returns its reference (PREFIX-YYMM-NNNN, the case reference format). */
export function recordAssistanceRequest(db: DB, req: AssistanceRequest, prefix: string, homeTz: string, now: number): string {
  const yymm = DateTime.fromMillis(now, { zone: homeTz }).toFormat('yyLL');
  const stem = `${prefix}-${yymm}-`;
  const last = db.prepare('SELECT ref FROM assistance_requests WHERE ref LIKE ? ORDER BY ref DESC LIMIT 1').pluck().get(`${stem}%`) as string | undefined;
  const seq = (last ? Number(last.slice(stem.length)) : 0) + 1;
  const ref = `${stem}${String(seq).padStart(4, '0')}`;
  db.prepare(
    'INSERT INTO assistance_requests (ref, contact_id, program, who, village, need, reach, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(ref, req.contactId, req.program, req.who, req.village, req.need, req.reach, now);
  return ref;
}
