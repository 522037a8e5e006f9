/**
 * Requests for help from an assistance program. A request is a case of kind 'assistance': it gets
 * its reference from the same monthly counter as complaints, officers see and answer it with the
 * same commands and API, the family gets the same status updates and data rights.
 */
import { setCaseHome } from '../places.js';
import type { NotifyContact } from '../../outbox/notifier.js';
import type { Config } from '../../config.js';
import type { DB } from '../../store/db.js';
import { announceNewCase } from '../cases/alerts.js';
import { type AssistanceDetails, UNSURE_PROGRAM, type Who } from './requestCase.js';
import { type CreatedCase, caseById, createCase } from '../cases/cases.js';

export { WHO, type Who } from './requestCase.js';

export interface AssistanceRequest {
  contactId: number;
  /** Program id from data/programs.json, or null when not sure. */
  program: string | null;
  who: Who;
  /** Home district id (data/districts.json), 'outside' the regency, or null/absent when not given. */
  district?: string | null;
  /** Home village as typed, or null when not given. */
  village: string | null;
  need: string;
  /** 'chat' or the phone number the person gave. */
  reach: string;
  language: string | null;
  /** An education-help application: the child's school level. */
  schoolLevel?: string;
}

/**
 * Opens the request as a case (inside the caller's transaction) and tells every officer.
 * Returns the reference and the PIN (shown once, to follow the request from another phone).
 */
export function openAssistanceRequest(
  db: DB,
  notify: NotifyContact,
  req: AssistanceRequest,
  config: Pick<Config, 'CASE_PREFIX' | 'HOME_TIMEZONE' | 'DATA_DIR'>,
  now: number,
): CreatedCase {
  const details: AssistanceDetails = { program: req.program, who: req.who, village: req.village ?? '', need: req.need, reach: req.reach };
  if (req.schoolLevel) details.schoolLevel = req.schoolLevel;
  const created = createCase(db, {
    kind: 'assistance',
    reporterContactId: req.contactId,
    onBehalf: req.who === 'family' ? 'family' : 'self',
    category: req.program ?? UNSURE_PROGRAM,
    details: { ...details },
    // Officers answer in this chat even when the family also gave a phone number.
    contactPref: 'any',
    language: req.language,
    now,
    config,
  });
  // The home district and village, for the case page and the dashboard filter and charts.
  setCaseHome(db, created.id, req.district ?? null, req.village);
  announceNewCase(db, notify, caseById(db, created.id)!);
  return created;
}
