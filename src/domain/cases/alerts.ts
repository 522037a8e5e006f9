/**
 * Messages about cases to officers and to reporters, as Replies rendered later in each
 * recipient's language. Officers get every new case (urgent ones marked and sent first), those on
 * duty first (dutyAlerts.ts).
 */
import type { NotifyContact } from '../../outbox/notifier.js';
import type { Reply, Text } from '../../conversation/flow.js';
import type { Lang } from '../../core/types.js';
import type { Priority } from '../../outbox/store.js';
import { casePriority } from './urgency.js';
import { type DB, prepared } from '../../store/db.js';
import type { Case } from './cases.js';
import type { CaseStatus } from './categories.js';
import { countryByCode } from '../reference.js';
import { type AlertAbout, alertWaves, caseTeamId, holdForLater } from './dutyAlerts.js';
import { assistanceDetails, officerCaseSubject, programLabel } from '../assistance/requestCase.js';
import { takesApplications } from '../assistance/programs.js';
import { caseHome, homeVar } from '../places.js';


interface OfficerRow {
  id: number;
  language: Lang | null;
}

/** Officer contacts (configured or added), oldest first. */
export function officers(db: DB): OfficerRow[] {
  return prepared(db, "SELECT id, language FROM contacts WHERE role = 'officer' ORDER BY id").all() as OfficerRow[];
}

/**
 * Sends one reply per officer, built in that officer's language (priority: the caller's lane unless
 * given). With `about` (the case and the time), on duty first (dutyAlerts.ts): officers on duty (of
 * the case's team when any of them is) hear it now, the others after ALERT_AWAY_DELAY_SECONDS
 * unless the case was opened or acted on by then. Returns how many officers were told now.
 */
export function notifyOfficers(db: DB, notify: NotifyContact, build: (lang: Lang | null) => Reply, except?: number, priority?: Priority, about?: AlertAbout): number {
  const list = officers(db).filter((o) => o.id !== except);
  const waves = about ? alertWaves(db, list.map((o) => o.id), caseTeamId(db, about.caseId)) : { now: list.map((o) => o.id), later: [] };
  const first = new Set(waves.now);
  for (const o of list) if (first.has(o.id)) notify(o.id, build(o.language), priority);
  if (about && waves.later.length) {
    const later = new Set(waves.later);
    holdForLater(db, about, list.filter((o) => later.has(o.id)).map((o) => ({ to: o.id, reply: build(o.language) })), priority);
  }
  return first.size;
}

/** A country as a person reads it: the name from data/countries.json, or what they typed. */
export function countryLabel(code: string | null, typed: string | null, lang: Lang | null): string {
  const c = countryByCode(code);
  if (c) return c.name[lang ?? 'id'];
  return typed ?? '-';
}

const urgentMark = (urgent: boolean): Text[] => (urgent ? [{ key: 'officer.urgentMark' }] : []);

/** The category of a tip about a recruiter at home: its district and village are where the recruiter works. */
const RECRUITER_TIP = 'recruiter_tip';

/** Where the worker is from at home (for a tip: where the recruiter works), one line for officers; none when not given. */
function homeLines(c: Case, home: { district: string | null; village: string | null } | undefined): Text[] {
  if (!home || (!home.district && !home.village)) return [];
  return [{ key: c.category === RECRUITER_TIP ? 'officer.placeLine' : 'officer.homeLine', vars: { home: homeVar(home.district, home.village) } }];
}

/** "New case" for officers: what, where, who, the home district and village if given; the details are read with /case REF. */
export function newCaseAlert(c: Case, lang: Lang | null, home?: { district: string | null; village: string | null }): Reply {
  const help = assistanceDetails(c);
  const what: Text =
    c.kind === 'assistance'
      ? {
          key: takesApplications(c.category) ? 'officer.newApplication' : 'officer.newAssistance',
          vars: { ref: c.ref, program: programLabel(c.category), who: { t: `officer.assistanceWho.${help?.who ?? 'other'}` } },
        }
      : {
          key: 'officer.newCase',
          vars: {
            ref: c.ref,
            category: { t: `case.category.${c.category}` },
            country: countryLabel(c.country, c.countryText, lang),
            who: { t: c.anonymous ? 'officer.who.anonymous' : `officer.who.${c.onBehalf}` },
          },
        };
  return { text: { lines: [...urgentMark(c.urgent), what, ...homeLines(c, home), { key: 'officer.readHint', vars: { ref: c.ref } }] } };
}

/** "The full report arrived" for an urgent case officers already know by its reference. */
export function fullReportAlert(c: Case, lang: Lang | null, home?: { district: string | null; village: string | null }): Reply {
  const what: Text = {
    key: 'officer.fullReport',
    vars: {
      ref: c.ref,
      category: { t: `case.category.${c.category}` },
      country: countryLabel(c.country, c.countryText, lang),
      who: { t: c.anonymous ? 'officer.who.anonymous' : `officer.who.${c.onBehalf}` },
    },
  };
  return { text: { lines: [...urgentMark(c.urgent), what, ...homeLines(c, home), { key: 'officer.readHint', vars: { ref: c.ref } }] } };
}

/** Tells officers about a new case, on duty first (announced as it is created); urgent cases are marked. */
export function announceNewCase(db: DB, notify: NotifyContact, c: Case): number {
  const home = caseHome(db, c.id);
  return notifyOfficers(db, notify, (lang) => newCaseAlert(c, lang, home), undefined, casePriority(c), { caseId: c.id, now: c.createdAt });
}

/** Re-announces a case nobody handled yet. */
export function escalationAlert(c: Case, lang: Lang | null, hours: number): Reply {
  return {
    text: {
      lines: [
        ...urgentMark(c.urgent),
        { key: 'officer.escalated', vars: { ref: c.ref, hours, category: officerCaseSubject(c), country: countryLabel(c.country, c.countryText, lang) } },
        { key: 'officer.readHint', vars: { ref: c.ref } },
      ],
    },
  };
}

/** An officer's message relayed to the reporter in the bot's voice. */
export function officerMessageToReporter(ref: string, text: string): Reply {
  return { text: { lines: [{ key: 'case.officerReplied', vars: { ref } }, { raw: text }, { key: 'case.howToAnswer' }] }, template: caseUpdateTemplate(ref) };
}

/** Outside WhatsApp's 24-hour window a case update goes out as the `case_update` template with its reference. */
export function caseUpdateTemplate(ref: string): Reply['template'] {
  return { kind: 'case_update', params: [ref] };
}

/** A status change told to the reporter in plain words, with the officer's note if any. */
export function statusToReporter(ref: string, status: CaseStatus, note: string | null): Reply {
  const lines: Text[] = [{ key: 'case.statusChanged', vars: { ref, status: { t: `case.statusPlain.${status}` } } }];
  if (note) lines.push({ key: 'case.officerNote' }, { raw: note });
  return { text: { lines }, template: caseUpdateTemplate(ref) };
}

/** Information the reporter added, for the assigned officer (or all officers). */
export function reporterInfoAlert(c: Case, text: string | null, file: { kind: string } | null): Reply {
  const lines: Text[] = [...urgentMark(c.urgent), { key: 'officer.reporterAdded', vars: { ref: c.ref } }];
  if (text) lines.push({ raw: text });
  if (file) lines.push({ key: 'officer.fileAdded', vars: { kind: { t: `case.mediaKind.${file.kind}` } } });
  lines.push({ key: 'officer.answerHint', vars: { ref: c.ref } });
  return { text: { lines } };
}
