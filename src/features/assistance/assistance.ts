/** "Assistance for families": the programs menu, "ask for help from this program", and the FAQ. */
import type { Action } from '../../conversation/actions.js';
import type { ActionResult, Check, Json, Reply, SourceOption, Target } from '../../conversation/flow.js';
import type { Feature } from '../feature.js';
import { getFaq, getPrograms, programById, searchFaq } from '../../domain/assistance/programs.js';
import { UNSURE_PROGRAM, programLabel } from '../../domain/assistance/requestCase.js';
import { WHO, type Who, openAssistanceRequest } from '../../domain/assistance/requests.js';
import { optionsFromData } from '../kit/optionsFromData.js';
import { homeFromData, homeSteps } from '../kit/homeSteps.js';
import { reachAndConsentSteps } from '../kit/reachSteps.js';

export const MAX_NEED_CHARS = 1000;
export const MAX_QUERY_CHARS = 200;
/** Program value meaning "not sure which program". */
const UNSURE = UNSURE_PROGRAM;

/** Programmes that take an application (data/programs.json `apply`) go to the application flow (applications feature). */
const applicationTargets = (): Record<string, Target> =>
  Object.fromEntries(getPrograms().filter((p) => p.apply).map((p) => [p.id, { flow: 'programApplication', with: { program: '$program' } }]));

const programOptions = (): SourceOption[] => getPrograms().map((p) => ({ label: { key: `${p.texts}.title` }, value: p.id }));

const checks: Record<string, Check> = {
  'assistance.need': ({ text }) =>
    text && text.length <= MAX_NEED_CHARS ? { ok: true, value: text } : { ok: false, error: { key: 'assistance.req.tooLong', vars: { max: String(MAX_NEED_CHARS) } } },
  'assistance.phone': ({ text }) => {
    const digits = text.replace(/[\s().-]/g, '');
    return /^\+?\d{8,15}$/.test(digits) ? { ok: true, value: digits } : { ok: false, error: 'assistance.req.badPhone' };
  },
  'assistance.query': ({ text }) =>
    text && text.length <= MAX_QUERY_CHARS ? { ok: true, value: text } : { ok: false, error: { key: 'assistance.req.tooLong', vars: { max: String(MAX_QUERY_CHARS) } } },
};

const showProgram: Action = (_ctx, args) => {
  const p = programById(String(args.program));
  if (!p) return { outcome: 'gone', replies: [{ text: { key: 'assistance.programGone' } }] };
  // A programme with sessions goes on to its sessions (feature programSessions), which offers asking an officer too.
  if (p.sessions) return { outcome: 'sessions', replies: [{ text: { lines: [{ key: `${p.texts}.title` }, { key: `${p.texts}.text` }] } }] };
  return { replies: [{ text: { lines: [{ key: `${p.texts}.title` }, { key: `${p.texts}.text` }, { key: 'assistance.programNote' }] } }] };
};

/** Opens the request as an assistance case (same references, statuses and data rights) and alerts officers. */
const request: Action = (ctx, args): ActionResult => {
  const program = programById(String(args.program ?? ''));
  const who = String(args.who) as Who;
  if (!WHO.includes(who)) throw new Error(`assistance.request: unknown "who" ${who}`);
  const home = homeFromData(ctx.data);
  const created = openAssistanceRequest(
    ctx.db,
    ctx.notify,
    {
      contactId: ctx.contact.id,
      program: program?.id ?? null,
      who,
      district: home.district,
      village: home.village,
      need: String(args.need),
      reach: String(args.reach ?? 'chat'),
      language: ctx.lang,
    },
    ctx.config,
    ctx.now,
  );
  ctx.contacts.recordConsent(ctx.contact.id, ctx.now);
  ctx.audit('case_created', created.ref, 'assistance');
  const ref = created.ref;
  // The PIN is never put in the session: only this outbox row carries it to the user.
  const replies: Reply[] = [
    { text: { key: 'assistance.req.saved', vars: { ref, program: programLabel(program?.id ?? null) } } },
    { text: { key: 'assistance.req.pin', vars: { ref, pin: created.pin } } },
  ];
  return { outcome: 'ok', set: { ref }, replies };
};

const faqSearch: Action = (_ctx, args): ActionResult => {
  const found = searchFaq(String(args.query ?? ''));
  if (!found.length) return { outcome: 'none', replies: [{ text: { key: 'assistance.faqNone' } }] };
  if (found.length === 1) return { outcome: 'one', set: { faq: found[0].id } };
  return { outcome: 'some', set: { options: found.map((f) => ({ label: { key: `${f.texts}.q` }, value: f.id })) as unknown as Json } };
};

const faqAll: Action = () => ({ set: { options: getFaq().map((f) => ({ label: { key: `${f.texts}.q` }, value: f.id })) as unknown as Json } });

const faqShow: Action = (_ctx, args) => {
  const f = getFaq().find((x) => x.id === String(args.faq));
  if (!f) return { outcome: 'gone', replies: [{ text: { key: 'assistance.faqNone' } }] };
  return { replies: [{ text: { lines: [{ key: `${f.texts}.q` }, { key: `${f.texts}.a` }] } }] };
};

export const assistanceFeature: Feature = {
  name: 'assistance',
  checks,
  sources: {
    'assistance.programs': programOptions,
    'assistance.programsOrUnsure': () => [...programOptions(), { label: { key: 'assistance.req.unsure' }, value: UNSURE }],
    'assistance.options': optionsFromData,
  },
  actions: {
    'assistance.showProgram': showProgram,
    'assistance.request': request,
    'assistance.faqSearch': faqSearch,
    'assistance.faqAll': faqAll,
    'assistance.faqShow': faqShow,
  },
  flows: [
    {
      id: 'assistance',
      start: 'menu',
      steps: {
        menu: {
          menu: 'assistance.title',
          options: [
            { label: 'assistance.programs', next: 'programs' },
            { label: 'assistance.askHelp', next: { flow: 'assistanceRequest' } },
            { label: 'assistance.faq', next: 'faqAsk' },
          ],
        },
        programs: { menu: 'assistance.programsTitle', optionsFrom: 'assistance.programs', save: 'program', next: 'program' },
        program: {
          call: 'assistance.showProgram',
          args: { program: '$program' },
          on: { gone: 'programs', sessions: { flow: 'programSessions', with: { program: '$program' } } },
          next: 'programMenu',
        },
        programMenu: {
          menu: 'assistance.programMenu',
          options: [
            { label: 'assistance.askThisProgram', next: { flow: 'assistanceRequest', with: { program: '$program' } } },
            { label: 'assistance.otherPrograms', next: 'programs' },
          ],
        },
        faqAsk: { ask: 'assistance.faqAsk', check: 'assistance.query', save: 'query', next: 'faqSearch' },
        faqSearch: { call: 'assistance.faqSearch', args: { query: '$query' }, on: { none: 'faqAll', one: 'faqShow' }, next: 'faqPick' },
        faqAll: { call: 'assistance.faqAll', next: 'faqPick' },
        faqPick: { menu: 'assistance.faqPick', optionsFrom: 'assistance.options', save: 'faq', next: 'faqShow' },
        faqShow: { call: 'assistance.faqShow', args: { faq: '$faq' }, next: 'faqAfter' },
        faqAfter: {
          menu: 'assistance.faqAfter',
          options: [
            { label: 'assistance.faqAgain', next: 'faqAsk' },
            { label: 'assistance.askHelp', next: { flow: 'assistanceRequest' } },
          ],
        },
      },
    },
    {
      id: 'assistanceRequest',
      start: 'hasProgram',
      steps: {
        hasProgram: { branch: 'program', cases: { '': 'chooseProgram', ...applicationTargets() }, default: 'intro' },
        chooseProgram: { menu: 'assistance.req.chooseProgram', optionsFrom: 'assistance.programsOrUnsure', save: 'program', next: 'hasProgram' },
        intro: { say: 'assistance.req.intro', next: 'who' },
        who: {
          menu: 'assistance.req.who',
          options: WHO.map((w) => ({ label: `assistance.whoName.${w}`, next: 'home', set: { who: w } })),
        },
        // The same home questions as a report: district typed (or chosen), then the village; both optional.
        ...homeSteps('home', 'assistance.req.home', 'need'),
        need: { ask: 'assistance.req.need', check: 'assistance.need', save: 'need', next: 'reach' },
        ...reachAndConsentSteps('assistance.req.consent', 'save', 'declined'),
        save: {
          call: 'assistance.request',
          args: { program: '$program', who: '$who', need: '$need', reach: '$reach' },
          next: 'end',
        },
        declined: { end: true, say: 'assistance.req.declined' },
        end: { end: true },
      },
    },
  ],
};
