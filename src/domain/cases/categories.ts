/** Case categories (the agency's complaint categories, docs/SOURCES.md) and statuses, as stored ids. */

export const CATEGORIES = [
  'wages_unpaid',
  'wants_home',
  'documents_held',
  'violence_abuse',
  'sick_injured',
  'contract_mismatch',
  'contract_terminated',
  'recruitment_fraud',
  'lost_contact',
  'overstay_deportation',
  'trafficking',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories that make a report urgent by themselves. */
export const URGENT_CATEGORIES: readonly Category[] = ['violence_abuse', 'trafficking'];

export const STATUSES = ['new', 'in_progress', 'waiting', 'referred', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof STATUSES)[number];

/** Statuses in which a case is still being handled (the reporter may add information). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'in_progress', 'waiting', 'referred'];

export type CaseKind = 'complaint' | 'assistance';

export function isCategory(v: unknown): v is Category {
  return typeof v === 'string' && (CATEGORIES as readonly string[]).includes(v);
}

export function isStatus(v: unknown): v is CaseStatus {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
}
