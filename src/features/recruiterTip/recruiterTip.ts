/**
 * "Report a recruiter near me": an anonymous tip from someone in Indonesia about a recruiter, sponsor
 * or "calo" (who, where, what they promise, what they asked for), with the home district (from
 * data/districts.json) and village (typed). It becomes a case of category `recruiter_tip` for the
 * officers who fight illegal recruitment (Sikat Sindikat); the tipster gets a reference and PIN.
 */
import type { Action, ActionContext } from '../../conversation/actions.js';
import type { ActionResult, Json } from '../../conversation/flow.js';
import type { Lang } from '../../core/types.js';
import { announceNewCase } from '../../domain/cases/alerts.js';
import { caseById, createCase } from '../../domain/cases/cases.js';
import { districtById, getDistricts, setCaseHome } from '../../domain/places.js';
import type { Feature } from '../feature.js';

/** The value of "outside the regency / I don't know" in the district menu. */
export const NO_DISTRICT = 'none';

const str = (v: Json | undefined): string | null => (typeof v === 'string' && v.trim().length ? v.trim() : null);
const langOf = (ctx: ActionContext): Lang => ctx.contact.language ?? ctx.config.DEFAULT_LANGUAGE;

/** The tip as officers read it: one labelled line per answer, in the officers' language. */
function tipText(ctx: ActionContext): string {
  const lang = ctx.config.DEFAULT_LANGUAGE;
  const d = ctx.data;
  const line = (key: string, v: string | null) => `${ctx.translator.t(lang, `tip.field.${key}`)}: ${v ?? '-'}`;
  return [line('who', str(d.recruiter)), line('where', str(d.where)), line('promise', str(d.promise)), line('asked', str(d.asked))].join('\n');
}

const summary: Action = (ctx): ActionResult => {
  const d = ctx.data;
  const district = districtById(str(d.district))?.name ?? '-';
  return {
    replies: [
      {
        text: {
          key: 'tip.summary',
          vars: { who: str(d.recruiter) ?? '-', where: str(d.where) ?? '-', promise: str(d.promise) ?? '-', asked: str(d.asked) ?? '-', district, village: str(d.village) ?? '-' },
        },
      },
    ],
  };
};

const create: Action = (ctx): ActionResult => {
  const d = ctx.data;
  const created = createCase(ctx.db, {
    kind: 'complaint',
    reporterContactId: ctx.contact.id,
    anonymous: true,
    onBehalf: 'self',
    category: 'recruiter_tip',
    // The recruiter works in Indonesia: no destination country.
    country: null,
    countryText: 'Indonesia',
    city: str(d.where),
    workerName: null,
    agencyText: str(d.recruiter),
    description: tipText(ctx),
    contactPref: 'none',
    safeTime: null,
    language: langOf(ctx),
    urgent: false,
    urgentReason: null,
    now: ctx.now,
    config: ctx.config,
  });
  const district = str(d.district);
  setCaseHome(ctx.db, created.id, district === NO_DISTRICT ? null : district, str(d.village));
  announceNewCase(ctx.db, ctx.notify, caseById(ctx.db, created.id)!);
  ctx.audit('case_created', created.ref, 'anonymous');
  return { replies: [{ text: { key: 'tip.created', vars: { ref: created.ref, pin: created.pin } } }] };
};

export const recruiterTipFeature: Feature = {
  name: 'recruiterTip',
  actions: { 'tip.summary': summary, 'tip.create': create },
  sources: {
    'places.districts': () => [
      ...getDistricts().map((x) => ({ label: { raw: x.name }, value: x.id })),
      { label: { key: 'tip.noDistrict' }, value: NO_DISTRICT },
    ],
  },
  flows: [
    {
      id: 'recruiterTip',
      start: 'intro',
      steps: {
        intro: {
          menu: 'tip.intro',
          options: [
            { label: 'tip.start', next: 'who' },
            { label: 'tip.cancel', next: 'end' },
          ],
        },
        who: { ask: 'tip.askWho', check: 'case.description', save: 'recruiter', next: 'district' },
        district: { menu: 'tip.askDistrict', optionsFrom: 'places.districts', save: 'district', next: 'village' },
        village: { ask: 'tip.askVillage', check: 'case.shortText', save: 'village', optional: true, next: 'where' },
        where: { ask: 'tip.askWhere', check: 'case.shortText', save: 'where', optional: true, next: 'promise' },
        promise: { ask: 'tip.askPromise', check: 'case.description', save: 'promise', next: 'asked' },
        asked: { ask: 'tip.askAsked', check: 'case.description', save: 'asked', optional: true, next: 'summary' },
        summary: { call: 'tip.summary', next: 'confirm' },
        confirm: {
          menu: 'tip.confirm',
          options: [
            { label: 'tip.send', next: 'create' },
            { label: 'tip.cancel', next: 'cancelled' },
          ],
        },
        create: { call: 'tip.create', next: 'end' },
        cancelled: { say: 'tip.cancelled', next: 'end' },
        end: { end: true },
      },
    },
  ],
};
