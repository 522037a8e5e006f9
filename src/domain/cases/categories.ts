/**
 * Case categories (aligned with the agency's complaint statistics: data/categoryStats.json,
 * docs/SOURCES.md) and statuses, as stored ids. Stored ids never change meaning: a category that
 * was split stays valid for old cases (LEGACY_CATEGORIES) and is no longer offered.
 */

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
  // Issue 17: the agency's other complaint categories, and the two splits.
  'failed_to_depart',
  'deportation',
  'overstay',
  'death',
  'social_security',
  'pregnancy_children',
  'mental_health',
  'overcharging',
  'detention_criminal',
  'online_scam',
  // A tip about a recruiter or "calo" from someone in Indonesia (its own flow, not the report menu).
  'recruiter_tip',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Stored ids from before a split: still read and shown for old cases, never offered again. */
export const LEGACY_CATEGORIES: readonly Category[] = ['overstay_deportation'];

/** Categories the report menu offers, in menu order ("other" last). */
export const MENU_CATEGORIES: readonly Category[] = [
  'wages_unpaid',
  'wants_home',
  'documents_held',
  'violence_abuse',
  'sick_injured',
  'contract_mismatch',
  'contract_terminated',
  'recruitment_fraud',
  'lost_contact',
  'deportation',
  'trafficking',
  'failed_to_depart',
  'overstay',
  'death',
  'social_security',
  'pregnancy_children',
  'mental_health',
  'overcharging',
  'detention_criminal',
  'online_scam',
  'other',
];

/** Categories that make a report urgent by themselves. */
export const URGENT_CATEGORIES: readonly Category[] = ['violence_abuse', 'trafficking', 'online_scam'];

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
