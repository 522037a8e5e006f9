/**
 * "Report a problem": consent, who, category, country, city, names, what happened, evidence,
 * home district and village (optional; not asked in an urgent report), how to be contacted,
 * summary, then the case with its reference and PIN. Nothing is stored before the summary is
 * confirmed; urgent reports alert officers as soon as they are recognized.
 */
import { alertOrHold } from '../../domain/cases/alertFlood.js';
import type { Action, ActionContext } from '../../conversation/actions.js';
import type { ActionResult, Data, Flow, Json, Reply, Step, Target, Text } from '../../conversation/flow.js';
import { linkCaseAgency } from '../../domain/cases/agency.js';
import { announceNewCase, countryLabel, notifyOfficers } from '../../domain/cases/alerts.js';
import { completeUrgent } from './fullReport.js';
import { officersOnDuty } from '../../domain/officers/reach.js';
import { CATEGORIES, URGENT_CATEGORIES } from '../../domain/cases/categories.js';
import { type ContactPref, type UrgentReason, addEvent, caseById, createCase } from '../../domain/cases/cases.js';
import { hasDangerWords } from '../../domain/cases/dangerWords.js';
import { type EvidenceItem, MAX_EVIDENCE_PER_REPORT, addPendingAttachment } from '../../domain/cases/evidence.js';
import { emergencyContactsText } from '../kit/emergencyContacts.js';
import { windowText } from '../../domain/delivery/safeWindows.js';
import { keepDeliveryWindow } from './deliveryWindow.js';
import { withDiscreetOffer } from './discreetOffer.js';
import { windowSteps, zoneFromData } from '../kit/safeTimeSteps.js';
import { verifiedHotlineIds } from '../../domain/hotlineVerification.js';
import { matchCountry } from '../../domain/reference.js';
import { reportFields } from './reportFields.js';
import { homeFromData, homeSteps } from '../kit/homeSteps.js';
import { homeVar, setCaseHome } from '../../domain/places.js';

const str = (v: Json | undefined): string | null => (typeof v === 'string' && v.length ? v : null);

/** The report's country code for hotlines: the chosen one, else what we know of the contact. */
function reportCountry(ctx: ActionContext): string | null {
  const c = str(ctx.data.country);
  return c && c !== 'OTHER' ? c : ctx.contact.country;
}

/** Emergency contacts for the report's country, as one reply. */
function contactsReply(ctx: ActionContext): Reply {
  return { text: { lines: [{ key: 'emergency.contactsTitle' }, emergencyContactsText(reportCountry(ctx), { verified: verifiedHotlineIds(ctx.db), lang: ctx.contact.language }), { key: 'emergency.localPolice' }] } };
}

/** "Officers have been alerted" only when one can see it now; otherwise that nobody is on duty (decided before queuing the alert). */
function urgentNotice(ctx: ActionContext): Reply {
  return { text: { key: officersOnDuty(ctx.db, ctx.now) ? 'complaint.urgentNotice' : 'complaint.urgentNoticeNobody' } };
}

/** Alerts officers that an urgent report is being written right now, before it is complete. */
function alertOfficersNow(ctx: ActionContext, reason: UrgentReason): void {
  const category = str(ctx.data.category);
  const who = { contactId: ctx.contact.id, channel: ctx.contact.channel, country: str(ctx.data.country) ?? ctx.contact.country };
  const outcome = alertOrHold(ctx.db, ctx.notify, who, reason, ctx.now, (lang) => ({
    text: {
      lines: [
        { key: 'officer.urgentMark' },
        {
          key: 'officer.urgentInProgress',
          vars: {
            category: category ? { t: `case.category.${category}` } : '-',
            country: str(ctx.data.country) ? countryLabel(str(ctx.data.country), str(ctx.data.countryText), lang) : '-',
            reason: { t: `officer.reason.${reason}` },
            channel: ctx.contact.channel,
          },
        },
      ],
    },
  }));
  ctx.audit('urgent_alert', `contact:${ctx.contact.id}`, outcome === 'held' ? `${reason}; grouped: alert flood from new contacts` : reason);
}

/** After the country is known: an urgent category (or sos) gives contacts and alerts officers at once. */
const urgentCheck: Action = (ctx): ActionResult => {
  const category = str(ctx.data.category);
  const reason: UrgentReason | null =
    str(ctx.data.urgent) === 'sos' ? 'sos' : category && URGENT_CATEGORIES.includes(category as never) ? 'category' : (str(ctx.data.urgent) as UrgentReason | null);
  if (!reason) return {};
  if (ctx.data.alerted) return { set: { urgent: reason } };
  const notice = urgentNotice(ctx);
  alertOfficersNow(ctx, reason);
  return { set: { urgent: reason, alerted: true }, replies: [notice, contactsReply(ctx)] };
};

/** After the description: danger words make the report urgent (and alert, once). */
const screen: Action = (ctx): ActionResult => {
  if (!hasDangerWords(str(ctx.data.description))) return {};
  if (ctx.data.alerted) return { set: { urgent: str(ctx.data.urgent) ?? 'words' } };
  const notice = urgentNotice(ctx);
  alertOfficersNow(ctx, 'words');
  return { set: { urgent: 'words', alerted: true }, replies: [notice, contactsReply(ctx)] };
};

/** Keeps one evidence descriptor in the flow's data (the file is fetched after the case exists). */
const addEvidence: Action = (ctx): ActionResult => {
  const input = ctx.data.evidenceInput;
  const list = (Array.isArray(ctx.data.evidence) ? ctx.data.evidence : []) as Json[];
  if (!input || typeof input !== 'object') return { outcome: 'done', set: { evidenceInput: null } };
  if (list.length >= MAX_EVIDENCE_PER_REPORT) {
    return { outcome: 'done', set: { evidenceInput: null }, replies: [{ text: { key: 'complaint.evidenceMax', vars: { max: MAX_EVIDENCE_PER_REPORT } } }] };
  }
  const evidence = [...list, input];
  return { outcome: 'more', set: { evidence, evidenceInput: null }, replies: [{ text: { key: 'complaint.evidenceReceived', vars: { count: evidence.length } } }] };
};

function contactLabel(ctx: ActionContext, data: Data): Text {
  const pref = str(data.contactPref) ?? 'any';
  if (data.anonymous) return { key: 'complaint.contactLabel.anonymous' };
  if (pref === 'safe_time') {
    const zone = zoneFromData(data, ctx.contact.country) ?? ctx.config.HOME_TIMEZONE;
    return { key: 'complaint.contactLabel.safe_time', vars: { time: windowText(str(data.safeTime), reportCountry(ctx), zone, ctx.lang) } };
  }
  return { key: `complaint.contactLabel.${pref}` };
}

/** Shows everything collected so the user can confirm or fix it. */
const summary: Action = (ctx): ActionResult => {
  const d = ctx.data;
  const category = str(d.category);
  const who = str(d.onBehalf) ?? 'self';
  const lines: Text[] = [
    {
      key: 'complaint.summary',
      vars: {
        who: { t: d.anonymous ? `complaint.whoLabel.${who}Anonymous` : `complaint.whoLabel.${who}` },
        category: category ? { t: `case.category.${category}` } : '-',
        country: countryLabel(str(d.country), str(d.countryText), ctx.lang),
        city: str(d.city) ?? '-',
        name: str(d.workerName) ?? '-',
        agency: str(d.agencyName) ?? '-',
        files: Array.isArray(d.evidence) ? d.evidence.length : 0,
      },
    },
  ];
  // The home is asked only in a report that is not urgent (or when fixed from this summary).
  const home = homeFromData(d);
  if (!str(d.urgent) || home.district || home.village) lines.push({ key: 'complaint.summaryHome', vars: { home: homeVar(home.district, home.village) } });
  lines.push(contactLabel(ctx, d), { key: 'complaint.summaryDescription' }, { raw: str(d.description) ?? '-' });
  if (str(d.urgent)) lines.push({ key: officersOnDuty(ctx.db, ctx.now) ? 'complaint.summaryUrgent' : 'complaint.summaryUrgentNobody' });
  return { replies: [{ text: { lines } }] };
};

/** Creates the case from the confirmed answers, queues its evidence, tells officers and the user. */
const create: Action = (ctx): ActionResult => {
  const d = ctx.data;
  const urgentCase = typeof d.caseId === 'number' ? caseById(ctx.db, d.caseId) : undefined;
  if (urgentCase && urgentCase.reporterContactId === ctx.contact.id) return completeUrgent(ctx, urgentCase);
  const anonymous = d.anonymous === true;
  const urgent = str(d.urgent) as UrgentReason | null;
  const country = str(d.country);
  const created = createCase(ctx.db, {
    ...reportFields(ctx),
    kind: 'complaint',
    reporterContactId: ctx.contact.id,
    urgent: urgent !== null,
    urgentReason: urgent,
    now: ctx.now,
    config: ctx.config,
  });
  const home = homeFromData(d);
  setCaseHome(ctx.db, created.id, home.district, home.village);
  for (const item of (Array.isArray(d.evidence) ? d.evidence : []) as unknown as EvidenceItem[]) {
    const attachmentId = addPendingAttachment(ctx.db, created.id, ctx.contact.channel, item, ctx.now);
    addEvent(ctx.db, created.id, ctx.now, 'reporter', 'attachment', { attachmentId });
  }
  linkCaseAgency(ctx.db, created.id, str(d.agencyName), ctx.now, ctx.config.HOME_TIMEZONE);
  keepDeliveryWindow(ctx, anonymous);
  announceNewCase(ctx.db, ctx.notify, caseById(ctx.db, created.id)!);
  ctx.audit('case_created', created.ref, anonymous ? 'anonymous' : undefined);
  if (!anonymous) ctx.contacts.recordConsent(ctx.contact.id, ctx.now);
  // Whether an officer is on duty changes only the urgent wording: looked up (a scan of the officer chats) only then.
  const next = anonymous ? 'complaint.nextAnonymous' : urgent ? (officersOnDuty(ctx.db, ctx.now) ? 'complaint.nextUrgent' : 'complaint.nextUrgentNobody') : 'complaint.next';
  return {
    // The PIN is never put in the session: only this outbox row carries it to the user.
    contact: anonymous
      ? undefined
      : { audience: d.onBehalf === 'family' ? 'family' : 'worker', ...(country && country !== 'OTHER' ? { country } : {}) },
    // The reference and PIN come last so they stay on screen; the flow then asks whether they
    // were written down before showing anything else.
    replies: [
      { text: { key: next, vars: { ref: created.ref } } },
      withDiscreetOffer(ctx, contactsReply(ctx)),
      { text: { key: 'complaint.created', vars: { ref: created.ref, pin: created.pin } } },
    ],
  };
};

const toSummary = 'summary';

/** Steps that ask one thing again and return to the summary. */
function fixSteps(): Record<string, Step> {
  return {
    fix: {
      menu: 'complaint.fixWhat',
      options: [
        { label: 'complaint.fix.category', next: 'fixCategory' },
        { label: 'complaint.fix.country', next: 'fixCountry' },
        { label: 'complaint.fix.city', next: 'fixCity' },
        { label: 'complaint.fix.name', next: 'fixName' },
        { label: 'complaint.fix.agency', next: 'fixAgency' },
        { label: 'complaint.fix.description', next: 'fixDescription' },
        { label: 'complaint.fix.contact', next: 'fixContactGate' },
        { label: 'complaint.fix.home', next: 'fixHome' },
      ],
    },
    fixCategory: { menu: 'complaint.askCategory', optionsFrom: 'case.categories', save: 'category', next: 'fixUrgent' },
    fixCountry: { menu: 'complaint.askCountry', optionsFrom: 'case.countries', save: 'country', next: 'fixCountryGate' },
    fixCountryGate: { branch: 'country', cases: { OTHER: 'fixCountryOther' }, default: 'fixUrgent' },
    fixCountryOther: { ask: 'complaint.askCountryOther', check: 'case.shortText', save: 'countryText', next: 'fixMatchCountry' },
    fixMatchCountry: { call: 'complaint.matchCountry', next: 'fixUrgent' },
    fixUrgent: { call: 'complaint.urgentCheck', next: toSummary },
    fixCity: { ask: 'complaint.askCity', check: 'case.shortText', save: 'city', optional: true, next: toSummary },
    fixName: { branch: 'onBehalf', cases: { family: 'fixWorkerName' }, default: 'fixOwnName' },
    fixWorkerName: { ask: 'complaint.askWorkerName', check: 'case.shortText', save: 'workerName', next: toSummary },
    fixOwnName: { ask: 'complaint.askOwnName', check: 'case.shortText', save: 'workerName', optional: true, next: toSummary },
    fixAgency: { ask: 'complaint.askAgency', check: 'case.shortText', save: 'agencyName', optional: true, next: toSummary },
    fixDescription: { ask: 'complaint.askDescription', check: 'case.description', save: 'description', screensDanger: true, next: 'fixScreen' },
    fixScreen: { call: 'complaint.screen', next: toSummary },
    fixContactGate: { branch: 'anonymous', cases: { true: toSummary }, default: 'contactPref' },
    ...homeSteps('fixHome', 'complaint.askHome', toSummary),
  };
}

/** The report flow. Prefilled `with` data: `category` (an id), `agencyName` and `description` skip those questions. */
export const complaintFlow: Flow = {
  id: 'complaint',
  start: 'consent',
  steps: {
    consent: {
      menu: 'complaint.consent',
      options: [
        { label: 'complaint.consentYes', next: 'who', set: { anonymous: false } },
        { label: 'complaint.consentAnonymous', next: 'who', set: { anonymous: true } },
        { label: 'complaint.consentNo', next: 'stopped' },
      ],
    },
    stopped: { end: true, say: 'complaint.stopped' },
    who: {
      menu: 'complaint.askWho',
      options: [
        { label: 'complaint.whoSelf', next: 'categoryGate', set: { onBehalf: 'self' } },
        { label: 'complaint.whoFamily', next: 'categoryGate', set: { onBehalf: 'family' } },
      ],
    },
    categoryGate: { branch: 'category', cases: Object.fromEntries(CATEGORIES.map((c) => [c, 'countryKnown' as Target])), default: 'category' },
    category: { menu: 'complaint.askCategory', optionsFrom: 'case.categories', save: 'category', next: 'categoryInfo' },
    // A family reporting a death first gets what to do and which documents to gather.
    categoryInfo: { branch: 'category', cases: { death: 'deathInfo' }, default: 'countryKnown' },
    deathInfo: { say: 'death.info', next: 'countryKnown' },
    // A country already named (on the urgent path) is not asked again.
    countryKnown: { branch: 'country', cases: { '': 'country' }, default: 'countryGate' },
    country: { menu: 'complaint.askCountry', optionsFrom: 'case.countries', save: 'country', next: 'countryGate' },
    countryGate: { branch: 'country', cases: { OTHER: 'countryOther' }, default: 'urgentCheck' },
    countryOther: { ask: 'complaint.askCountryOther', check: 'case.shortText', save: 'countryText', next: 'matchCountry' },
    // A typed name of a known country ("Kamboja", "UAE") becomes that country, so it is stored and counted.
    matchCountry: { call: 'complaint.matchCountry', next: 'urgentCheck' },
    urgentCheck: { call: 'complaint.urgentCheck', next: 'city' },
    city: { ask: 'complaint.askCity', check: 'case.shortText', save: 'city', optional: true, next: 'nameGate' },
    nameGate: { branch: 'onBehalf', cases: { family: 'workerName' }, default: 'ownNameGate' },
    ownNameGate: { branch: 'anonymous', cases: { true: 'agencyGate' }, default: 'ownName' },
    workerName: { ask: 'complaint.askWorkerName', check: 'case.shortText', save: 'workerName', next: 'agencyGate' },
    ownName: { ask: 'complaint.askOwnName', check: 'case.shortText', save: 'workerName', optional: true, next: 'agencyGate' },
    agencyGate: { branch: 'agencyName', cases: { '': 'agency' }, default: 'descriptionGate' },
    agency: { ask: 'complaint.askAgency', check: 'case.shortText', save: 'agencyName', optional: true, next: 'descriptionGate' },
    // A description given up front (the story of a first message) is not asked again.
    descriptionGate: { branch: 'description', cases: { '': 'description' }, default: 'screen' },
    description: { ask: 'complaint.askDescription', check: 'case.description', save: 'description', screensDanger: true, next: 'screen' },
    screen: { call: 'complaint.screen', next: 'evidence' },
    evidence: { ask: 'complaint.askEvidence', check: 'case.evidence', save: 'evidenceInput', optional: true, next: 'addEvidence' },
    addEvidence: { call: 'complaint.addEvidence', on: { more: 'evidenceMore' }, next: 'homeGate' },
    evidenceMore: { ask: 'complaint.askEvidenceMore', check: 'case.evidence', save: 'evidenceInput', optional: true, next: 'addEvidence' },
    // Where the worker is from at home, after the story: never asked in an urgent report (sos, an
    // urgent category or danger words in the story), which goes on to the contact question at once.
    homeGate: { branch: 'urgent', cases: { '': 'home' }, default: 'contactGate' },
    ...homeSteps('home', 'complaint.askHome', 'contactGate'),
    contactGate: { branch: 'anonymous', cases: { true: toSummary }, default: 'contactPref' },
    contactPref: {
      menu: 'complaint.askContact',
      options: [
        { label: 'complaint.contactAny', next: toSummary, set: { contactPref: 'any' } },
        { label: 'complaint.contactSafeTime', next: 'safeTime', set: { contactPref: 'safe_time' } },
        { label: 'complaint.contactNone', next: toSummary, set: { contactPref: 'none' } },
      ],
    },
    // "Only at a safer time": a window in the worker's local time, kept on the contact at creation.
    ...windowSteps('safeTime', 'safeTime', toSummary),
    summary: { call: 'complaint.summary', next: 'confirm' },
    confirm: {
      menu: 'complaint.confirm',
      options: [
        { label: 'complaint.confirmSend', next: 'create' },
        { label: 'complaint.confirmFix', next: 'fix' },
      ],
    },
    ...fixSteps(),
    create: { call: 'complaint.create', next: 'writtenDown' },
    // Any other answer is handled by the main menu: the question never traps the person.
    writtenDown: { menu: 'complaint.writtenDown', back: false, passOn: true, options: [{ label: 'complaint.writtenYes', next: 'noted' }] },
    // Discreet contacts on Telegram: the messages with the reference and PIN are deleted now.
    noted: { call: 'discreet.afterNoted', next: 'end' },
    end: { end: true },
  },
};

/** After "Other": a typed name matching a known country (names and aliases, any language) selects it. */
const matchTypedCountry: Action = (ctx): ActionResult => {
  const found = matchCountry(str(ctx.data.countryText));
  return found ? { set: { country: found.code, countryText: null } } : {};
};

export const complaintActions: Record<string, Action> = {
  'complaint.matchCountry': matchTypedCountry,
  'complaint.urgentCheck': urgentCheck,
  'complaint.screen': screen,
  'complaint.addEvidence': addEvidence,
  'complaint.summary': summary,
  'complaint.create': create,
};
