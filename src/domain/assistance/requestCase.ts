/**
 * How an assistance request (a case of kind 'assistance') is described: its stored details and the
 * words for its program, so officer and reporter texts name the kind and the program.
 */
import type { Text, VarValue } from '../../conversation/flow.js';
import { programById } from './programs.js';
import type { Case } from '../cases/cases.js';

export const WHO = ['self', 'family', 'exworker', 'other'] as const;
export type Who = (typeof WHO)[number];
/** Stored as the category of a request whose program the person was not sure of. */
export const UNSURE_PROGRAM = 'unsure';

/** The kind-specific fields kept in cases.details for an assistance request. */
export interface AssistanceDetails {
  program: string | null;
  who: Who;
  village: string;
  need: string;
  /** 'chat' or the phone number the person gave. */
  reach: string;
  /** An education-help application: the child's school level (see applications.ts). */
  schoolLevel?: string;
}

/** Reads the details of an assistance case (null once erased, or for a complaint). */
export function assistanceDetails(c: Pick<Case, 'kind' | 'details'>): AssistanceDetails | null {
  const d = c.details;
  if (c.kind !== 'assistance' || !d || typeof d.who !== 'string') return null;
  return d as unknown as AssistanceDetails;
}

/** The program's title (translated), or "not sure / other help". */
export function programLabel(programId: string | null): VarValue {
  const p = programById(programId);
  return p ? { t: `${p.texts}.title` } : { t: 'assistance.req.unsure' };
}

/** What a case is about, as a reporter or officer reads it: the complaint category, or the program. */
export function caseSubject(c: Pick<Case, 'kind' | 'category'>): VarValue {
  return c.kind === 'assistance' ? programLabel(c.category) : { t: `case.category.${c.category}` };
}

/** As caseSubject, marked for officers as an assistance request ("Assistance: Education support"). */
export function officerCaseSubject(c: Pick<Case, 'kind' | 'category'>): VarValue {
  return c.kind === 'assistance' ? { t: 'officer.assistanceSubject', vars: { program: programLabel(c.category) } } : caseSubject(c);
}

/** "School level: Junior high school (SMP/MTs)" for officers reading an education-help application. */
export function schoolLevelLine(level: string): Text {
  return { key: 'applications.schoolLevelLine', vars: { level: { t: `applications.level.${level}` } } };
}
