/**
 * Applications to a programme (education help, economic support): an assistance request (a case
 * of kind 'assistance', same reference, PIN, inbox and data rights) with the programme's own
 * questions and its own status in plain words. Each application status maps onto a case status,
 * so open/closed, the inbox tabs, escalation and statistics keep working unchanged.
 */
import type { Config } from '../../config.js';
import type { Reply, Text, VarValue } from '../../conversation/flow.js';
import type { NotifyContact } from '../../outbox/notifier.js';
import type { DB } from '../../store/db.js';
import { caseUpdateTemplate } from '../cases/alerts.js';
import type { Case, CreatedCase } from '../cases/cases.js';
import type { CaseStatus } from '../cases/categories.js';
import { addNote, changeStatus } from '../cases/ops.js';
import { takesApplications } from './programs.js';
import { programLabel } from './requestCase.js';
import { type AssistanceRequest, openAssistanceRequest } from './requests.js';

export const APPLICATION_STATUSES = ['received', 'checking', 'documents_needed', 'approved', 'not_approved'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The case status each application status stands for. */
export const CASE_STATUS_OF: Record<ApplicationStatus, CaseStatus> = {
  received: 'new',
  checking: 'in_progress',
  documents_needed: 'waiting',
  approved: 'resolved',
  not_approved: 'closed',
};

/** What an application shows when its case status was changed the generic way (/status, referral): null = the plain case words. */
const FROM_CASE_STATUS: Partial<Record<CaseStatus, ApplicationStatus>> = { new: 'received', in_progress: 'checking', waiting: 'documents_needed' };

/** School levels of an education-help application (plain words with the official term in the texts). */
export const SCHOOL_LEVELS = ['primary', 'junior', 'senior', 'higher'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** Whom economic support is for (stored as the request's `who`). */
export const ECONOMIC_FOR = ['family', 'exworker'] as const;

export function isApplicationStatus(v: unknown): v is ApplicationStatus {
  return typeof v === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(v);
}

export { takesApplications };

/** True when the case is an application (an assistance request to a programme that takes applications). */
export function isApplication(c: Pick<Case, 'kind' | 'category'>): boolean {
  return c.kind === 'assistance' && takesApplications(c.category);
}

/**
 * Opens the application as an assistance case (alerting officers) with status "received".
 * Returns the reference and the PIN (shown once).
 */
export function openApplication(
  db: DB,
  notify: NotifyContact,
  req: AssistanceRequest,
  config: Pick<Config, 'CASE_PREFIX' | 'HOME_TIMEZONE' | 'DATA_DIR'>,
  now: number,
): CreatedCase {
  if (!takesApplications(req.program)) throw new Error(`openApplication: programme ${req.program} takes no applications`);
  const created = openAssistanceRequest(db, notify, req, config, now);
  db.prepare("UPDATE cases SET application_status = 'received' WHERE id = ?").run(created.id);
  return created;
}

/**
 * The application's status as the applicant and officers read it: the stored one while the case
 * status still matches it, else the one the case status stands for; null when there is none
 * (not an application, or a generic status such as "referred": shown in the case's plain words).
 */
export function applicationStatusOf(db: DB, c: Pick<Case, 'id' | 'kind' | 'category' | 'status'>): ApplicationStatus | null {
  if (!isApplication(c)) return null;
  return resolveApplicationStatus(c, db.prepare('SELECT application_status FROM cases WHERE id = ?').pluck().get(c.id) as string | null | undefined);
}

/** As applicationStatusOf, from the stored column already read (e.g. by the inbox query). */
export function resolveApplicationStatus(c: Pick<Case, 'kind' | 'category' | 'status'>, stored: string | null | undefined): ApplicationStatus | null {
  if (!isApplication(c)) return null;
  if (isApplicationStatus(stored) && CASE_STATUS_OF[stored] === c.status) return stored;
  return FROM_CASE_STATUS[c.status] ?? null;
}

/** The status words for the applicant: the application's, or the case's plain words. */
export function statusWords(db: DB, c: Pick<Case, 'id' | 'kind' | 'category' | 'status'>): VarValue {
  const s = applicationStatusOf(db, c);
  return s ? { t: `applications.status.${s}` } : { t: `case.statusPlain.${c.status}` };
}

/** The message that tells the applicant of a new status, with the officer's note if any. */
export function applicationStatusReply(c: Pick<Case, 'ref' | 'category'>, status: ApplicationStatus, note: string | null): Reply {
  const lines: Text[] = [
    { key: 'applications.statusChanged', vars: { ref: c.ref, program: programLabel(c.category), status: { t: `applications.status.${status}` } } },
    { key: `applications.statusNext.${status}` },
  ];
  if (note) lines.push({ key: 'case.officerNote' }, { raw: note });
  return { text: { lines }, template: caseUpdateTemplate(c.ref) };
}

/**
 * An officer sets the application's status: the case status it maps to is changed the usual way
 * (history, followers, safe time and discreet rules through the notifier) and the applicant is told
 * in the application's words. `label` is the internal note for the history, in the officer's
 * language. Returns whether the applicant could be told.
 */
export function changeApplicationStatus(db: DB, notify: NotifyContact, c: Case, actor: string, status: ApplicationStatus, note: string | null, label: string, now: number): boolean {
  if (!isApplication(c)) throw new Error(`changeApplicationStatus: ${c.ref} is not an application`);
  db.prepare('UPDATE cases SET application_status = ? WHERE id = ?').run(status, c.id);
  const told = changeStatus(db, notify, c, actor, CASE_STATUS_OF[status], note, now, { reporter: applicationStatusReply(c, status, note), status: { t: `applications.status.${status}` } });
  addNote(db, c, actor, label, now);
  return told;
}

/** Applications per programme and status as officers read it (for the dashboard's Programme applications page); generic statuses are not counted. */
export function applicationCounts(db: DB): Map<string, Record<ApplicationStatus, number>> {
  const rows = db
    .prepare(
      "SELECT category, status, application_status AS stored, COUNT(*) AS n FROM cases WHERE kind = 'assistance' AND application_status IS NOT NULL GROUP BY category, status, application_status",
    )
    .all() as { category: string; status: CaseStatus; stored: string; n: number }[];
  const out = new Map<string, Record<ApplicationStatus, number>>();
  for (const r of rows) {
    const s = resolveApplicationStatus({ kind: 'assistance', category: r.category, status: r.status }, r.stored);
    if (!s) continue;
    const counts = out.get(r.category) ?? (Object.fromEntries(APPLICATION_STATUSES.map((x) => [x, 0])) as Record<ApplicationStatus, number>);
    counts[s] += r.n;
    out.set(r.category, counts);
  }
  return out;
}
