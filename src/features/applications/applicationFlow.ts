/**
 * Applying to a programme in the chat (education help, economic support): the eligibility and
 * documents to prepare (with the "to be confirmed by the operator" note until an admin confirmed
 * them), the programme's own questions, the home district and village (the same questions as a
 * report and a request: `src/features/kit/homeSteps.ts`), how to reach the applicant, consent, and
 * the reference. Reached from the programmes menu ("ask for help from this programme") and from
 * "ask for help" when such a programme is chosen.
 */
import type { Action } from '../../conversation/actions.js';
import type { ActionResult, Flow, Reply, Text } from '../../conversation/flow.js';
import { ECONOMIC_FOR, SCHOOL_LEVELS, type SchoolLevel, openApplication, takesApplications } from '../../domain/assistance/applications.js';
import { currentEligibility, eligibilityLines, isEligibilityConfirmed } from '../../domain/assistance/eligibility.js';
import { programLabel } from '../../domain/assistance/requestCase.js';
import { WHO, type Who } from '../../domain/assistance/requests.js';
import { homeFromData, homeSteps } from '../kit/homeSteps.js';
import { reachAndConsentSteps } from '../kit/reachSteps.js';

/** The eligibility of the programme, with the note until an admin confirmed it. */
const showEligibility: Action = (ctx, args): ActionResult => {
  const program = String(args.program ?? '');
  const e = currentEligibility(ctx.db, program);
  if (!e || !takesApplications(program)) return { outcome: 'gone', replies: [{ text: { key: 'applications.gone' } }] };
  const lines = eligibilityLines(e, ctx.lang);
  const list = (heading: string, items: string[]): Text[] => (items.length ? [{ key: heading }, ...items.map((text): Text => ({ key: 'applications.item', vars: { text } }))] : []);
  const text: Text[] = [
    { key: 'applications.eligibilityTitle', vars: { program: programLabel(program) } },
    ...list('applications.who', lines.who),
    ...list('applications.about', lines.about),
    ...list('applications.documents', lines.documents),
  ];
  if (!isEligibilityConfirmed(ctx.db, program)) text.push({ key: 'applications.toConfirm' });
  return { replies: [{ text: { lines: text } }] };
};

/** Opens the application as an assistance case with status "received"; the PIN goes only into this reply. */
const submit: Action = (ctx, args): ActionResult => {
  const program = String(args.program ?? '');
  // Education help is asked by the family; a programme without its own questions stores 'other'.
  const who: Who = (WHO as readonly string[]).includes(String(args.who)) ? (String(args.who) as Who) : 'other';
  const level = args.level ? String(args.level) : null;
  if (level !== null && !(SCHOOL_LEVELS as readonly string[]).includes(level)) throw new Error(`applications.submit: unknown school level ${level}`);
  const home = homeFromData(ctx.data);
  const created = openApplication(
    ctx.db,
    ctx.notify,
    {
      contactId: ctx.contact.id,
      program,
      who,
      district: home.district,
      village: home.village,
      need: String(args.need),
      reach: String(args.reach ?? 'chat'),
      language: ctx.lang,
      ...(level ? { schoolLevel: level as SchoolLevel } : {}),
    },
    ctx.config,
    ctx.now,
  );
  ctx.contacts.recordConsent(ctx.contact.id, ctx.now);
  ctx.audit('case_created', created.ref, `application:${program}`);
  const replies: Reply[] = [
    { text: { key: 'applications.saved', vars: { ref: created.ref, program: programLabel(program) } } },
    { text: { key: 'applications.howToFollow', vars: { pin: created.pin } } },
  ];
  return { outcome: 'ok', set: { ref: created.ref }, replies };
};

export const applicationActions: Record<string, Action> = {
  'applications.showEligibility': showEligibility,
  'applications.submit': submit,
};

/** The application flow; `data.program` is set by whoever starts it. */
export const applicationFlow: Flow = {
  id: 'programApplication',
  start: 'eligibility',
  steps: {
    eligibility: { call: 'applications.showEligibility', args: { program: '$program' }, on: { gone: 'gone' }, next: 'ready' },
    gone: { end: true },
    ready: {
      menu: 'applications.ready',
      options: [
        { label: 'applications.apply', next: 'intro' },
        { label: 'applications.notNow', next: 'notNow' },
      ],
    },
    notNow: { end: true, say: 'applications.notNowDone' },
    intro: { say: 'applications.intro', next: 'questions' },
    questions: { branch: 'program', cases: { education: 'level', economic: 'forWhom' }, default: 'need' },
    level: {
      menu: 'applications.level.ask',
      options: SCHOOL_LEVELS.map((l) => ({ label: `applications.level.${l}`, next: 'educationNeed', set: { level: l, who: 'family' } })),
    },
    educationNeed: { ask: 'applications.educationNeed', check: 'assistance.need', save: 'need', next: 'home' },
    forWhom: {
      menu: 'applications.economicFor',
      options: ECONOMIC_FOR.map((w) => ({ label: `applications.forWhom.${w}`, next: 'economicNeed', set: { who: w } })),
    },
    economicNeed: { ask: 'applications.economicNeed', check: 'assistance.need', save: 'need', next: 'home' },
    // A programme that takes applications but has no questions of its own yet.
    need: { ask: 'assistance.req.need', check: 'assistance.need', save: 'need', next: 'home' },
    ...homeSteps('home', 'assistance.req.home', 'reach'),
    ...reachAndConsentSteps('applications.consent', 'save', 'declined'),
    save: {
      call: 'applications.submit',
      args: { program: '$program', who: '$who', level: '$level', need: '$need', reach: '$reach' },
      next: 'end',
    },
    declined: { end: true, say: 'applications.declined' },
    end: { end: true },
  },
};
