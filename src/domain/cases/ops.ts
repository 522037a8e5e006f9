/**
 * What officers (by chat or API) and reporters do to an existing case. Each operation appends a
 * case event, and tells the other side through `notify` within the caller's transaction.
 */
import { PRIORITY } from '../../outbox/store.js';
import type { NotifyContact } from '../../outbox/notifier.js';
import type { Reply, VarValue } from '../../conversation/flow.js';
import { casePriority } from './urgency.js';
import type { DB } from '../../store/db.js';
import { caseUpdateTemplate, notifyOfficers, officerMessageToReporter, reporterInfoAlert, statusToReporter } from './alerts.js';
import { type Case, addEvent, caseById } from './cases.js';
import type { CaseStatus } from './categories.js';
import { hasDangerWords } from './dangerWords.js';
import { notifyFollowers } from './followers.js';
import { type EvidenceItem, addPendingAttachment } from './evidence.js';
import { openThread } from './threadSession.js';
import { linkQueued, outboxMark } from './threadDelivery.js';

/** Records the first officer action (ends escalation for the case). */
function markHandled(db: DB, caseId: number, now: number): void {
  db.prepare('UPDATE cases SET first_action_at = COALESCE(first_action_at, ?) WHERE id = ?').run(now, caseId);
}

/** True when the reporter can be messaged (not anonymous, not erased, still linked to a chat). */
export function reachable(c: Case): boolean {
  return c.reporterContactId !== null && c.contactPref !== 'none';
}

/** An urgent case whose reporter wrote this recently is a live emergency: answers are not held for a safe time. */
export const LIVE_EMERGENCY_MS = 30 * 60_000;

/** True when the case is urgent and its reporter is writing now (emergency path: never held). */
function liveEmergency(db: DB, c: Case, now: number): boolean {
  if (!c.urgent || c.reporterContactId === null) return false;
  const last = db.prepare('SELECT last_inbound_at FROM contacts WHERE id = ?').pluck().get(c.reporterContactId) as number | null | undefined;
  return typeof last === 'number' && now - last <= LIVE_EMERGENCY_MS;
}

/** An officer's reply: stored as an event, relayed to the reporter, and the reporter's next message opens on its thread. Returns whether it was sent. */
export function replyToReporter(db: DB, notify: NotifyContact, c: Case, actor: string, text: string, now: number): boolean {
  const eventId = addEvent(db, c.id, now, actor, 'message_out', { text });
  markHandled(db, c.id, now);
  // Reporters who asked not to be messaged (or anonymous/erased ones) read it when they check.
  if (!reachable(c)) return false;
  const reply = officerMessageToReporter(c.ref, text);
  // The urgent lane to the reporter only while they are writing now: otherwise their safe time holds
  // (a message arriving at the wrong moment can put them in danger).
  const live = liveEmergency(db, c, now);
  if (live) reply.urgent = true;
  const mark = outboxMark(db);
  notify(c.reporterContactId as number, reply, live ? PRIORITY.urgent : undefined);
  // The case page shows this message's delivery (queued, held, sent, failed …) from its outbox row.
  linkQueued(db, eventId, c.id, c.reporterContactId as number, mark);
  // Whatever the reporter sends next is their answer: it goes to this case, not to the menu.
  openThread(db, c.reporterContactId as number, c, now);
  return true;
}

/**
 * Changes the status (with an optional note) and tells the reporter and followers. `words`: what
 * to tell instead of the plain status (an application's message to the reporter and its status words).
 */
export function changeStatus(
  db: DB,
  notify: NotifyContact,
  c: Case,
  actor: string,
  status: CaseStatus,
  note: string | null,
  now: number,
  words?: { reporter: Reply; status: VarValue },
): boolean {
  db.prepare('UPDATE cases SET status = ? WHERE id = ?').run(status, c.id);
  const eventId = addEvent(db, c.id, now, actor, 'status', { status, text: note });
  markHandled(db, c.id, now);
  // Family followers hear of it even when the reporter asked not to be messaged.
  notifyFollowers(db, notify, c, status, note, words?.status);
  if (!reachable(c)) return false;
  const mark = outboxMark(db);
  notify(c.reporterContactId as number, words?.reporter ?? statusToReporter(c.ref, status, note), liveEmergency(db, c, now) ? PRIORITY.urgent : undefined);
  linkQueued(db, eventId, c.id, c.reporterContactId as number, mark);
  return true;
}

/** Assigns the case to an officer contact and tells the reporter someone is on it. */
export function assignCase(db: DB, notify: NotifyContact, c: Case, actor: string, officerId: number, now: number): void {
  // The dashboard account linked to this chat (if any) holds the case too.
  db.prepare('UPDATE cases SET assignee_contact_id = ?, assignee_officer_id = (SELECT id FROM officers WHERE contact_id = ?) WHERE id = ?').run(officerId, officerId, c.id);
  addEvent(db, c.id, now, actor, 'assigned', { text: `officer:${officerId}` });
  markHandled(db, c.id, now);
  if (reachable(c)) notify(c.reporterContactId as number, { text: { key: 'case.assigned', vars: { ref: c.ref } }, template: caseUpdateTemplate(c.ref) });
}

/**
 * The reporter adds text or a file to an open case; it reaches the assigned officer, or every
 * officer when nobody is assigned. Danger words make the case urgent.
 */
export function addReporterInfo(
  db: DB,
  notify: NotifyContact,
  c: Case,
  input: { text?: string | null; file?: EvidenceItem | null; channel: string },
  now: number,
): { urgentNow: boolean } {
  let attachmentId: number | null = null;
  if (input.file) {
    attachmentId = addPendingAttachment(db, c.id, input.channel, input.file, now);
    addEvent(db, c.id, now, 'reporter', 'attachment', { attachmentId });
  }
  if (input.text) addEvent(db, c.id, now, 'reporter', 'message_in', { text: input.text });
  const urgentNow = !c.urgent && hasDangerWords(input.text);
  if (urgentNow) {
    db.prepare("UPDATE cases SET urgent = 1, urgent_reason = 'words' WHERE id = ?").run(c.id);
    addEvent(db, c.id, now, 'system', 'urgent', { text: 'words' });
  }
  const fresh = caseById(db, c.id) as Case;
  const alert = reporterInfoAlert(fresh, input.text ?? null, input.file ? { kind: input.file.kind } : null);
  if (fresh.assigneeContactId !== null && !urgentNow) notify(fresh.assigneeContactId, alert, casePriority(fresh));
  else notifyOfficers(db, notify, () => alert, undefined, casePriority(fresh), { caseId: fresh.id, now });
  return { urgentNow };
}

/** Assigns the case to a dashboard officer account (and its linked chat, if any) and tells the reporter. */
export function assignCaseToAccount(db: DB, notify: NotifyContact, c: Case, actor: string, account: { id: number; contactId: number | null }, now: number): void {
  db.prepare('UPDATE cases SET assignee_officer_id = ?, assignee_contact_id = ? WHERE id = ?').run(account.id, account.contactId, c.id);
  addEvent(db, c.id, now, actor, 'assigned', { text: `account:${account.id}` });
  markHandled(db, c.id, now);
  if (reachable(c)) notify(c.reporterContactId as number, { text: { key: 'case.assigned', vars: { ref: c.ref } }, template: caseUpdateTemplate(c.ref) });
}

/** An internal note on the case: kept in its history for officers, never sent to the reporter. */
export function addNote(db: DB, c: Case, actor: string, text: string, now: number): void {
  addEvent(db, c.id, now, actor, 'note', { text });
}

/** Institutions a case can be referred to (each named in data/institutions.json by its `referral`). */
export const REFERRAL_TARGETS = ['embassy', 'province', 'police', 'p4mi', 'disnaker', 'tppo'] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

/**
 * Refers the case to an institution: status 'referred' with the note (told to the reporter like any
 * status change) and an internal note naming the institution (`label`, in the officers' language).
 */
export function referCase(db: DB, notify: NotifyContact, c: Case, actor: string, label: string, note: string | null, now: number): boolean {
  const told = changeStatus(db, notify, c, actor, 'referred', note, now);
  addNote(db, c, actor, label, now);
  return told;
}
