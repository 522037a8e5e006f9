/**
 * Cases: creation (reference, PIN, first event) and the queries the flows, officer commands and
 * the API share. Every write here runs inside the caller's transaction.
 */
import type { Config } from '../../config.js';
import { type DB, prepared } from '../../store/db.js';
import { type CaseKind, type CaseStatus, OPEN_STATUSES } from './categories.js';
import { allocateRef } from './ref.js';
import { generatePin, hashPin, pinKey } from './pin.js';
import { routeNewCase } from './routing.js';

/** Longest free text kept in one case field or event. */
export const MAX_CASE_TEXT = 3000;

export type UrgentReason = 'category' | 'sos' | 'words';
export type ContactPref = 'any' | 'safe_time' | 'none';

export interface Case {
  id: number;
  ref: string;
  kind: CaseKind;
  reporterContactId: number | null;
  anonymous: boolean;
  onBehalf: 'self' | 'family';
  category: string;
  country: string | null;
  countryText: string | null;
  city: string | null;
  workerName: string | null;
  agencyText: string | null;
  /** Register entry the agency text strongly matched (see agency.ts); ids change on re-import. */
  agencyId: number | null;
  /** The entry's license number (as in the register) at link time. */
  agencyLicense: string | null;
  description: string | null;
  details: Record<string, unknown> | null;
  contactPref: ContactPref | null;
  safeTime: string | null;
  language: string | null;
  status: CaseStatus;
  urgent: boolean;
  urgentReason: UrgentReason | null;
  assigneeContactId: number | null;
  createdAt: number;
  updatedAt: number;
  firstActionAt: number | null;
  lastEscalatedAt: number | null;
  escalations: number;
  erasedAt: number | null;
}

/** What a feature passes to open a case (complaint or assistance request). */
export interface NewCase {
  kind?: CaseKind;
  /** The chat to answer; null for an anonymous report (followed with reference + PIN only). */
  reporterContactId: number | null;
  anonymous?: boolean;
  onBehalf?: 'self' | 'family';
  category: string;
  country?: string | null;
  countryText?: string | null;
  city?: string | null;
  workerName?: string | null;
  agencyText?: string | null;
  description?: string | null;
  details?: Record<string, unknown> | null;
  contactPref?: ContactPref | null;
  safeTime?: string | null;
  language?: string | null;
  urgent?: boolean;
  urgentReason?: UrgentReason | null;
  now: number;
  config: Pick<Config, 'CASE_PREFIX' | 'HOME_TIMEZONE' | 'DATA_DIR'>;
}

export interface CreatedCase {
  id: number;
  ref: string;
  /** Shown to the reporter once; only its hash is stored. */
  pin: string;
}

export type EventKind = 'created' | 'message_in' | 'message_out' | 'status' | 'assigned' | 'attachment' | 'escalated' | 'urgent' | 'erased' | 'note' | 'team';

export interface CaseEvent {
  id: number;
  at: number;
  actor: string;
  kind: EventKind;
  status: CaseStatus | null;
  text: string | null;
  attachmentId: number | null;
}

interface Row {
  id: number;
  ref: string;
  kind: CaseKind;
  reporter_contact_id: number | null;
  anonymous: number;
  on_behalf: 'self' | 'family';
  category: string;
  country: string | null;
  country_text: string | null;
  city: string | null;
  worker_name: string | null;
  agency_text: string | null;
  agency_id: number | null;
  agency_license: string | null;
  description: string | null;
  details: string | null;
  contact_pref: ContactPref | null;
  safe_time: string | null;
  language: string | null;
  status: CaseStatus;
  urgent: number;
  urgent_reason: UrgentReason | null;
  assignee_contact_id: number | null;
  created_at: number;
  updated_at: number;
  first_action_at: number | null;
  last_escalated_at: number | null;
  escalations: number;
  erased_at: number | null;
}

function toCase(r: Row): Case {
  return {
    id: r.id,
    ref: r.ref,
    kind: r.kind,
    reporterContactId: r.reporter_contact_id,
    anonymous: r.anonymous === 1,
    onBehalf: r.on_behalf,
    category: r.category,
    country: r.country,
    countryText: r.country_text,
    city: r.city,
    workerName: r.worker_name,
    agencyText: r.agency_text,
    agencyId: r.agency_id,
    agencyLicense: r.agency_license,
    description: r.description,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    contactPref: r.contact_pref,
    safeTime: r.safe_time,
    language: r.language,
    status: r.status,
    urgent: r.urgent === 1,
    urgentReason: r.urgent_reason,
    assigneeContactId: r.assignee_contact_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    firstActionAt: r.first_action_at,
    lastEscalatedAt: r.last_escalated_at,
    escalations: r.escalations,
    erasedAt: r.erased_at,
  };
}

const clip = (s: string | null | undefined): string | null => (s ? s.slice(0, MAX_CASE_TEXT) : null);

/**
 * Creates a case with a fresh reference and PIN and its 'created' event, inside one transaction
 * (nested in the caller's, e.g. a conversation turn). Officers are not told here: see caseAlerts.
 */
export function createCase(db: DB, input: NewCase): CreatedCase {
  let tx = createTransactions.get(db);
  if (!tx) createTransactions.set(db, (tx = db.transaction((i: NewCase) => insertCase(db, i))));
  return tx(input);
}

/** createCase's transaction wrapper, built once per connection (building one costs more than the savepoint). */
const createTransactions = new WeakMap<DB, (input: NewCase) => CreatedCase>();

function insertCase(db: DB, input: NewCase): CreatedCase {
  const ref = allocateRef(db, input.config.CASE_PREFIX, input.now, input.config.HOME_TIMEZONE);
  const pin = generatePin();
  const id = prepared(
    db,
    `INSERT INTO cases (ref, kind, reporter_contact_id, anonymous, on_behalf, category, country, country_text, city,
         worker_name, agency_text, description, details, contact_pref, safe_time, language, urgent, urgent_reason,
         pin_hash, created_at, updated_at)
       VALUES (@ref, @kind, @reporter, @anonymous, @onBehalf, @category, @country, @countryText, @city,
         @workerName, @agencyText, @description, @details, @contactPref, @safeTime, @language, @urgent, @urgentReason,
         @pinHash, @now, @now) RETURNING id`,
  )
    .pluck()
    .get({
      ref,
      kind: input.kind ?? 'complaint',
      reporter: input.anonymous ? null : input.reporterContactId,
      anonymous: input.anonymous ? 1 : 0,
      onBehalf: input.onBehalf ?? 'self',
      category: input.category,
      country: input.country ?? null,
      countryText: clip(input.countryText),
      city: clip(input.city),
      workerName: clip(input.workerName),
      agencyText: clip(input.agencyText),
      description: clip(input.description),
      details: input.details ? JSON.stringify(input.details) : null,
      contactPref: input.anonymous ? null : (input.contactPref ?? 'any'),
      safeTime: input.contactPref === 'safe_time' ? clip(input.safeTime) : null,
      language: input.language ?? null,
      urgent: input.urgent ? 1 : 0,
      urgentReason: input.urgent ? (input.urgentReason ?? null) : null,
      pinHash: hashPin(pin, pinKey(input.config.DATA_DIR)),
      now: input.now,
    }) as number;
  // The case row was written with updated_at = now: its first events need not touch it again.
  insertEvent(db, id, input.now, 'reporter', 'created');
  // The team its routing rules pick (teams and routing: routing.ts), before anyone is alerted.
  routeNewCase(db, id, input.category, input.country ?? null);
  if (input.urgent) insertEvent(db, id, input.now, 'system', 'urgent', { text: input.urgentReason ?? null });
  return { id, ref, pin };
}

/** Appends one event to a case's history and touches the case. */
export function addEvent(
  db: DB,
  caseId: number,
  now: number,
  actor: string,
  kind: EventKind,
  extra: { status?: CaseStatus | null; text?: string | null; attachmentId?: number | null } = {},
): number {
  prepared(db, 'UPDATE cases SET updated_at = ? WHERE id = ?').run(now, caseId);
  return insertEvent(db, caseId, now, actor, kind, extra);
}

/** The event row alone (the case's updated_at left as it is). */
function insertEvent(db: DB, caseId: number, now: number, actor: string, kind: EventKind, extra: { status?: CaseStatus | null; text?: string | null; attachmentId?: number | null } = {}): number {
  return Number(
    prepared(db, 'INSERT INTO case_events (case_id, at, actor, kind, status, text, attachment_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(caseId, now, actor, kind, extra.status ?? null, clip(extra.text), extra.attachmentId ?? null).lastInsertRowid,
  );
}

export function caseByRef(db: DB, ref: string): Case | undefined {
  const r = prepared(db, 'SELECT * FROM cases WHERE ref = ?').get(ref) as Row | undefined;
  return r && toCase(r);
}

export function caseById(db: DB, id: number): Case | undefined {
  const r = prepared(db, 'SELECT * FROM cases WHERE id = ?').get(id) as Row | undefined;
  return r && toCase(r);
}

/** A reporter's own cases, newest first. */
export function casesOfReporter(db: DB, contactId: number): Case[] {
  return (prepared(db, 'SELECT * FROM cases WHERE reporter_contact_id = ? ORDER BY created_at DESC, id DESC').all(contactId) as Row[]).map(toCase);
}

/** Open cases for officers: urgent first, then newest first. */
export function openCases(db: DB, limit = 50): Case[] {
  const marks = OPEN_STATUSES.map(() => '?').join(',');
  return (
    db.prepare(`SELECT * FROM cases WHERE status IN (${marks}) ORDER BY urgent DESC, created_at DESC, id DESC LIMIT ?`).all(...OPEN_STATUSES, limit) as Row[]
  ).map(toCase);
}

/** Cases filtered for the API. */
export function listCases(db: DB, filter: { status?: CaseStatus; limit: number }): Case[] {
  const rows = filter.status
    ? db.prepare('SELECT * FROM cases WHERE status = ? ORDER BY urgent DESC, created_at DESC, id DESC LIMIT ?').all(filter.status, filter.limit)
    : db.prepare('SELECT * FROM cases ORDER BY urgent DESC, created_at DESC, id DESC LIMIT ?').all(filter.limit);
  return (rows as Row[]).map(toCase);
}

export function isOpen(c: Case): boolean {
  return OPEN_STATUSES.includes(c.status);
}

/** The history of a case, oldest first (the last `limit` events). */
export function caseEvents(db: DB, caseId: number, limit = 1000): CaseEvent[] {
  const rows = db
    .prepare('SELECT * FROM (SELECT * FROM case_events WHERE case_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id')
    .all(caseId, limit) as { id: number; at: number; actor: string; kind: EventKind; status: CaseStatus | null; text: string | null; attachment_id: number | null }[];
  return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, kind: r.kind, status: r.status, text: r.text, attachmentId: r.attachment_id }));
}

/** The latest message an officer sent to the reporter, if any. */
export function lastOfficerMessage(db: DB, caseId: number): { at: number; text: string } | undefined {
  return db
    .prepare("SELECT at, text FROM case_events WHERE case_id = ? AND kind = 'message_out' AND text IS NOT NULL ORDER BY id DESC LIMIT 1")
    .get(caseId) as { at: number; text: string } | undefined;
}

/** The stored PIN hash of a case (kept out of Case so it never reaches a reply or the API). */
export function pinHashOf(db: DB, caseId: number): string | null {
  return (db.prepare('SELECT pin_hash FROM cases WHERE id = ?').pluck().get(caseId) as string | null | undefined) ?? null;
}
