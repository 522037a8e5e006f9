/** Case references `PREFIX-YYMM-NNNN`: the month of creation in the home time zone and a per-month sequence. */
import { calendarLabel } from '../../core/clock.js';
import { type DB, prepared } from '../../store/db.js';

/** Digits the sequence is padded to (it grows past 9999 rather than wrapping). */
export const REF_SEQUENCE_DIGITS = 4;

const REF_PATTERN = /^([A-Z]{2,6})-?(\d{4})-?(\d{4,})$/;

/** YYMM of a moment in a time zone. */
export function monthKey(now: number, timezone: string): string {
  return calendarLabel(now, timezone, 'yyMM', 'month');
}

/** Allocates the next reference of the month; call inside the transaction that inserts the case. */
export function allocateRef(db: DB, prefix: string, now: number, timezone: string): string {
  const month = monthKey(now, timezone);
  const seq = prepared(db, 'INSERT INTO case_ref_counters (month, last) VALUES (?, 1) ON CONFLICT (month) DO UPDATE SET last = last + 1 RETURNING last')
    .pluck()
    .get(month) as number;
  return `${prefix}-${month}-${String(seq).padStart(REF_SEQUENCE_DIGITS, '0')}`;
}

/** Normalizes what a person typed ("bwi 2611 0042", "BWI-2611-0042") to the stored form, or null. */
export function normalizeRef(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s_.]+/g, '-').replace(/-+/g, '-').trim();
  const m = REF_PATTERN.exec(compact.replace(/^-|-$/g, ''));
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
