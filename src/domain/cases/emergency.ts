/**
 * The urgent path: a person who types the emergency word, or writes words of danger, gets an
 * urgent case AT ONCE (before any question), so officers can answer it with /reply straight away.
 * It is stored on the vital-interest basis (UU 27/2022 art. 20 (2) d); consent is asked later,
 * for the full report, which fills the same case.
 */
import type { Config } from '../../config.js';
import type { Reply, Text } from '../../conversation/flow.js';
import type { Lang } from '../../core/types.js';
import type { DB } from '../../store/db.js';
import type { NotifyContact } from '../../outbox/notifier.js';
import { countryLabel, notifyOfficers } from './alerts.js';
import { alertOrHold } from './alertFlood.js';
import { routeNewCase } from './routing.js';
import { teamOfCase } from './teams.js';
import { type Case, type ContactPref, type NewCase, MAX_CASE_TEXT, addEvent, caseById, createCase } from './cases.js';
import { generatePin, hashPin, pinKey } from './pin.js';
import { THREAD_OPEN_MS, lastThreadActivity, officerHasWritten, openCasesOf } from './thread.js';

/** The category an urgent case has until the full report names the problem (never offered in menus). */
export const EMERGENCY_CATEGORY = 'emergency';
/** A second emergency within this time adds to the same urgent case instead of opening another. */
export const EMERGENCY_REUSE_MS = 24 * 3600_000;
/** A bare emergency word repeated within this time does not page the officers again. */
export const EMERGENCY_REALERT_MS = 10 * 60_000;

/** How the urgent path was entered: the emergency word, or words of danger in a message. */
export type EmergencyTrigger = 'sos' | 'danger';

/** Details kept on an urgent case opened by the emergency path. */
export interface EmergencyDetails {
  origin: 'emergency';
  trigger: EmergencyTrigger;
  /** Why it was stored without asking first. */
  basis: 'vital_interest';
  safeToChat?: 'yes' | 'no';
  fullReport?: boolean;
}

export interface OpenedEmergency {
  case: Case;
  /** False when an open urgent case of the same person was used again. */
  created: boolean;
  /** Officers were sent an alert in this call. */
  alerted: boolean;
}

const isEmergencyCase = (c: Case) => (c.details as Partial<EmergencyDetails> | null)?.origin === 'emergency';

/**
 * The open case a new emergency belongs to: the person's urgent case opened by this path in the
 * last EMERGENCY_REUSE_MS, or the case an officer is talking with them about right now.
 */
export function currentEmergencyCase(db: DB, contactId: number, now: number): Case | undefined {
  const open = openCasesOf(db, contactId);
  return (
    open.find((c) => isEmergencyCase(c) && now - c.createdAt <= EMERGENCY_REUSE_MS) ??
    open.find((c) => officerHasWritten(db, c.id) && now - lastThreadActivity(db, c) <= THREAD_OPEN_MS)
  );
}

/** The officers' urgent alert: the reference, how it started, the words that started it, how to answer. */
export function emergencyAlert(c: Case, how: { trigger: EmergencyTrigger; text: string | null; again: boolean; channel: string }, lang: Lang | null): Reply {
  const lines: Text[] = [
    { key: 'officer.urgentMark' },
    {
      key: how.again ? 'officer.emergencyAgain' : 'officer.emergencyAlert',
      vars: {
        ref: c.ref,
        how: { t: `officer.emergencyTrigger.${how.trigger}` },
        country: countryLabel(c.country, c.countryText, lang),
        channel: how.channel,
      },
    },
  ];
  if (how.text && how.trigger === 'danger') lines.push({ raw: `“${how.text.slice(0, MAX_CASE_TEXT)}”` });
  lines.push({ key: 'officer.answerHint', vars: { ref: c.ref } });
  return { text: { lines } };
}

function lastAlertAt(db: DB, ref: string): number | null {
  return db.prepare("SELECT MAX(at) FROM audit WHERE action = 'emergency_alert' AND subject = ?").pluck().get(ref) as number | null;
}

/**
 * Opens the urgent case (or adds to the current one) and alerts the officers with its reference
 * and the words that triggered it. A bare emergency word repeated within EMERGENCY_REALERT_MS does
 * not page them again; new words of danger always do. Runs in the caller's transaction.
 */
export function openEmergencyCase(
  db: DB,
  notify: NotifyContact,
  input: {
    contactId: number;
    channel: string;
    language: Lang | null;
    country: string | null;
    trigger: EmergencyTrigger;
    text: string | null;
    now: number;
    config: Pick<Config, 'CASE_PREFIX' | 'HOME_TIMEZONE' | 'DATA_DIR'>;
  },
): OpenedEmergency {
  const { now, trigger, text } = input;
  const reason = trigger === 'sos' ? 'sos' : 'words';
  let c = currentEmergencyCase(db, input.contactId, now);
  const created = !c;
  // An urgent case already known as one is "again"; a case an officer was handling becomes urgent now.
  const again = c !== undefined && isEmergencyCase(c);
  if (c) {
    if (text && trigger === 'danger') addEvent(db, c.id, now, 'reporter', 'message_in', { text });
    if (!c.urgent) {
      db.prepare('UPDATE cases SET urgent = 1, urgent_reason = ? WHERE id = ?').run(reason, c.id);
      addEvent(db, c.id, now, 'system', 'urgent', { text: reason });
    }
  } else {
    const details: EmergencyDetails = { origin: 'emergency', trigger, basis: 'vital_interest' };
    const { id } = createCase(db, {
      kind: 'complaint',
      reporterContactId: input.contactId,
      category: EMERGENCY_CATEGORY,
      country: input.country,
      description: trigger === 'danger' ? text : null,
      details: details as unknown as Record<string, unknown>,
      contactPref: 'any',
      language: input.language,
      urgent: true,
      urgentReason: reason,
      now,
      config: input.config,
    });
    c = caseById(db, id) as Case;
  }
  c = caseById(db, c.id) as Case;
  const last = lastAlertAt(db, c.ref);
  const alerted = created || trigger === 'danger' || last === null || now - last >= EMERGENCY_REALERT_MS;
  if (alerted) {
    const how = { trigger, text, again, channel: input.channel };
    // During an alert flood from new anonymous contacts this alert is held and sent grouped (alertFlood.ts).
    const kind = trigger === 'sos' ? 'sos' : 'words';
    const outcome = alertOrHold(db, notify, { contactId: input.contactId, channel: input.channel, country: input.country }, kind, now, (lang) => emergencyAlert(c as Case, how, lang), { caseId: c.id, now });
    db.prepare("INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, 'emergency_alert', ?, ?)").run(now, `contact:${input.contactId}`, c.ref, outcome === 'held' ? `${trigger}; grouped: alert flood from new contacts` : trigger);
  }
  return { case: c, created, alerted };
}

/** Records the country the person tapped on the urgent case (when it had none). */
export function setEmergencyCountry(db: DB, c: Case, country: string, now: number): void {
  if (c.country) return;
  db.prepare('UPDATE cases SET country = ?, updated_at = ? WHERE id = ?').run(country, now, c.id);
}

/** Records where the person says they are (kept as the case's city unless one is known). */
export function setEmergencyPlace(db: DB, c: Case, where: string, now: number): void {
  db.prepare('UPDATE cases SET city = COALESCE(city, ?), updated_at = ? WHERE id = ?').run(where, now, c.id);
}

/** Merges fields into a case's details JSON. */
export function mergeDetails(db: DB, c: Case, patch: Record<string, unknown>): void {
  db.prepare('UPDATE cases SET details = ? WHERE id = ?').run(JSON.stringify({ ...(c.details ?? {}), ...patch }), c.id);
}

/** What the full report adds to an urgent case: the report's own fields of a new case. */
export type FullReport = Required<
  Pick<NewCase, 'anonymous' | 'onBehalf' | 'category' | 'country' | 'countryText' | 'city' | 'workerName' | 'agencyText' | 'description' | 'contactPref' | 'safeTime'>
> & { language: Lang };

/**
 * Fills the urgent case with the full report (the same reference) and gives it a new PIN, shown
 * once: the urgent path showed only the reference. Returns the PIN.
 */
export function completeEmergencyCase(db: DB, c: Case, r: FullReport, now: number, dataDir: string): string {
  const pin = generatePin();
  // What the person wrote when it started stays in front of what they tell now.
  const description = [c.description, r.description].filter(Boolean).join('\n\n').slice(0, MAX_CASE_TEXT) || null;
  db.prepare(
    `UPDATE cases SET anonymous = ?, reporter_contact_id = CASE WHEN ? = 1 THEN NULL ELSE reporter_contact_id END, on_behalf = ?,
       category = ?, country = COALESCE(?, country), country_text = ?, city = COALESCE(?, city), worker_name = ?, agency_text = ?,
       description = ?, contact_pref = ?, safe_time = ?, language = ?, pin_hash = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    r.anonymous ? 1 : 0,
    r.anonymous ? 1 : 0,
    r.onBehalf,
    r.category,
    r.country,
    r.countryText,
    r.city,
    r.workerName,
    r.agencyText,
    description,
    r.anonymous ? null : r.contactPref,
    r.contactPref === 'safe_time' ? r.safeTime : null,
    r.language,
    hashPin(pin, pinKey(dataDir)),
    now,
    c.id,
  );
  mergeDetails(db, caseById(db, c.id) as Case, { fullReport: true });
  // Routed as `emergency` when it opened; a case no rule took is routed again by what it is now.
  if (!teamOfCase(db, c.id)) routeNewCase(db, c.id, r.category, r.country ?? c.country);
  addEvent(db, c.id, now, 'reporter', 'note', { text: 'full report' });
  return pin;
}
