/**
 * Emergency help at once (`sos`/`darurat`/`emergency`, or words of danger anywhere) and safe-migration
 * information. The urgent path is short: the urgent case and its reference first, the emergency
 * contacts for the person's country (one tap to name it), then at most two questions (where are
 * you; is it safe to chat here). The full report is optional afterwards and fills the same case.
 */
import { flushHeldAlerts } from '../../domain/cases/alertFlood.js';
import { DateTime } from 'luxon';
import type { Action, ActionContext } from '../../conversation/actions.js';
import type { ActionResult, Check, Json, Reply, Text } from '../../conversation/flow.js';
import { LANGUAGES, type Lang } from '../../core/types.js';
import type { Feature } from '../feature.js';
import { notifyOfficers } from '../../domain/cases/alerts.js';
import { type Case, addEvent, caseById } from '../../domain/cases/cases.js';
import { type EmergencyTrigger, mergeDetails, openEmergencyCase, setEmergencyCountry, setEmergencyPlace } from '../../domain/cases/emergency.js';
import { officersOnDuty } from '../../domain/officers/reach.js';
import { hotlinesFor } from '../../domain/reference.js';
import { emergencyContactsReply, emergencyContactsText } from '../kit/emergencyContacts.js';
import { verifiedHotlineIds } from '../../domain/hotlineVerification.js';
import { hotlinesPage } from './dashboardPage.js';

export { EMERGENCY_REALERT_MS } from '../../domain/cases/emergency.js';

/** Longest answer to "where are you?". */
export const MAX_WHERE_CHARS = 500;

/** What the person's contacts text needs: confirmed entries and the reader's language. */
const contactsOpts = (ctx: ActionContext) => ({ verified: verifiedHotlineIds(ctx.db), lang: ctx.contact.language });

const showContacts: Action = (ctx) => ({ replies: [emergencyContactsReply(ctx.contact.country, contactsOpts(ctx))] });

const str = (v: Json | undefined): string | null => (typeof v === 'string' && v.length ? v : null);

/** The urgent case the flow works on (set by emergency.open). */
function currentCase(ctx: ActionContext): Case | undefined {
  return typeof ctx.data.caseId === 'number' ? caseById(ctx.db, ctx.data.caseId) : undefined;
}

/**
 * Opens the urgent case at once and alerts the officers; tells the person the reference and,
 * honestly, whether anyone can see it now; gives the emergency contacts. Outcome `askCountry`
 * when the person's country is unknown (one tap gives the local numbers), `again` when the
 * words were added to an urgent case already open (its questions were asked before: only the full
 * report is offered), `done` when that case already has its full report.
 */
const open: Action = (ctx, args): ActionResult => {
  // In a group chat nothing is collected: the contacts, and a pointer to a private chat.
  if (ctx.inbound.group) {
    return { outcome: 'group', replies: [{ text: { key: 'emergency.intro' } }, emergencyContactsReply(ctx.contact.country, contactsOpts(ctx)), { text: { key: 'common.groupNotice' } }] };
  }
  const trigger: EmergencyTrigger = args.trigger === 'danger' ? 'danger' : 'sos';
  const text = trigger === 'danger' ? (str(args.text) ?? (ctx.inbound.text || null)) : null;
  // Decided before the alert is queued: only a chat that can receive it (or a signed-in officer) counts.
  const onDuty = officersOnDuty(ctx.db, ctx.now);
  const { case: c, created } = openEmergencyCase(ctx.db, ctx.notify, {
    contactId: ctx.contact.id,
    channel: ctx.contact.channel,
    language: ctx.contact.language,
    country: ctx.contact.country,
    trigger,
    text,
    now: ctx.now,
    config: ctx.config,
  });
  ctx.audit(created ? 'emergency_case_opened' : 'emergency_case_again', c.ref, trigger);
  const lines: Text[] = [
    { key: 'emergency.intro' },
    { key: created ? 'emergency.opened' : 'emergency.stillOpen', vars: { ref: c.ref } },
    { key: onDuty ? 'emergency.officersAlerted' : 'emergency.nobodyOnDuty' },
  ];
  const country = ctx.contact.country;
  return {
    // The questions are asked once per urgent case; a second alarm only adds to it (and an open
    // thread with an officer continues where it was).
    outcome: !country ? 'askCountry' : created ? 'known' : fullReportGiven(c) ? 'done' : 'again',
    set: { caseId: c.id, ref: c.ref, onDuty, country },
    // Help comes before the language question: someone in danger in their first message answers
    // the next questions in the language the platform reports, or the helpline's default.
    contact: ctx.contact.language ? undefined : { language: guessLanguage(ctx) },
    replies: [{ text: { lines } }, emergencyContactsReply(country, contactsOpts(ctx))],
  };
};

/** True when the full report already filled this urgent case. */
const fullReportGiven = (c: Case): boolean => (c.details as { fullReport?: boolean } | null)?.fullReport === true;

/** The language for a contact who has not chosen one yet. */
function guessLanguage(ctx: ActionContext): Lang {
  const hint = ctx.inbound.languageHint?.slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(hint ?? '') ? (hint as Lang) : ctx.config.DEFAULT_LANGUAGE;
}

/** The country tapped: kept on the contact and the case; its own emergency numbers follow. */
const setCountry: Action = (ctx): ActionResult => {
  const country = str(ctx.data.country);
  const c = currentCase(ctx);
  if (!country || country === 'OTHER') return {};
  if (c) setEmergencyCountry(ctx.db, c, country, ctx.now);
  const local = hotlinesFor(country).filter((h) => !h.countries.includes('*'));
  const replies = local.length ? [{ text: { lines: [{ key: 'emergency.localContactsTitle' } as Text, emergencyContactsText(country, { localOnly: true, ...contactsOpts(ctx) })] } }] : [];
  return { contact: { country }, replies };
};

/** Where the person is: kept on the case (city) and sent to the officers at once. */
const saveWhere: Action = (ctx): ActionResult => {
  const where = str(ctx.data.where);
  const c = currentCase(ctx);
  if (!where || !c) return {};
  setEmergencyPlace(ctx.db, c, where.slice(0, MAX_WHERE_CHARS), ctx.now);
  addEvent(ctx.db, c.id, ctx.now, 'reporter', 'message_in', { text: where });
  tellOfficers(ctx, c, { key: 'officer.emergencyWhere', vars: { ref: c.ref } }, { raw: where });
  return {};
};

/** Whether it is safe to chat here: kept on the case; officers are told how to write (or not). */
const saveSafe: Action = (ctx): ActionResult => {
  const answer = ctx.data.safeToChat === 'no' ? 'no' : 'yes';
  const c = currentCase(ctx);
  if (!c) return {};
  mergeDetails(ctx.db, c, { safeToChat: answer });
  addEvent(ctx.db, c.id, ctx.now, 'reporter', 'note', { text: answer === 'yes' ? 'safe to chat' : 'NOT safe to chat' });
  tellOfficers(ctx, c, { key: `officer.emergencySafe.${answer}`, vars: { ref: c.ref } });
  return answer === 'no' ? { replies: [{ text: { key: 'emergency.unsafeNoted' } }] } : {};
};

/** An urgent follow-up to the assigned officer, or every officer. */
function tellOfficers(ctx: ActionContext, c: Case, what: Text, extra?: Text): void {
  const reply: Reply = { text: { lines: [{ key: 'officer.urgentMark' }, what, ...(extra ? [extra] : []), { key: 'officer.answerHint', vars: { ref: c.ref } }] } };
  if (c.assigneeContactId !== null) ctx.notify(c.assigneeContactId, reply);
  else notifyOfficers(ctx.db, ctx.notify, () => reply, undefined, undefined, { caseId: c.id, now: ctx.now });
}

/** "Where are you?": any text, or a shared location. */
const where: Check = ({ text, media }) => {
  if (media?.kind === 'location' && media.latitude !== undefined && media.longitude !== undefined) {
    return { ok: true, value: `📍 ${media.latitude.toFixed(5)}, ${media.longitude.toFixed(5)}` };
  }
  if (!text) return { ok: false, error: 'emergency.whereHint' };
  if (text.length > MAX_WHERE_CHARS) return { ok: false, error: { key: 'complaint.tooLongShort', vars: { max: String(MAX_WHERE_CHARS) } } };
  return { ok: true, value: text };
};

export const emergencyFeature: Feature = {
  // Urgent alerts held during an alert flood go out grouped, once a minute.
  jobs: (services) => [
    {
      name: 'alert-flood-digest',
      schedule: '* * * * *',
      run: () => {
        const now = services.clock.now();
        const timeOf = (at: number) => DateTime.fromMillis(at, { zone: services.config.HOME_TIMEZONE }).toFormat('HH:mm:ss');
        services.notifier.transaction((out) => flushHeldAlerts(services.db, out.toContact, now, timeOf), now);
      },
    },
  ],
  name: 'emergency',
  pages: [hotlinesPage],
  // The engine leads here on `sos` (data.trigger 'sos') and on danger words (data.trigger 'danger', data.text).
  entries: { emergency: 'emergency' },
  actions: {
    'emergency.contacts': showContacts,
    'emergency.open': open,
    'emergency.setCountry': setCountry,
    'emergency.saveWhere': saveWhere,
    'emergency.saveSafe': saveSafe,
  },
  checks: { 'emergency.where': where },
  flows: [
    {
      id: 'emergency',
      start: 'open',
      steps: {
        // Entered by the emergency word (no data) or by words of danger ({ trigger: 'danger', text }).
        open: { call: 'emergency.open', args: { trigger: '$trigger', text: '$text' }, on: { askCountry: 'country', group: 'leave', again: 'offer', done: 'leave' }, next: 'where' },
        country: { menu: 'emergency.askCountry', optionsFrom: 'case.countries', save: 'country', next: 'setCountry' },
        setCountry: { call: 'emergency.setCountry', next: 'where' },
        where: { ask: 'emergency.askWhere', check: 'emergency.where', save: 'where', optional: true, next: 'saveWhere' },
        saveWhere: { call: 'emergency.saveWhere', next: 'safe' },
        safe: {
          menu: 'emergency.askSafe',
          options: [
            { label: 'emergency.safeYes', next: 'saveSafe', set: { safeToChat: 'yes' } },
            { label: 'emergency.safeNo', next: 'saveSafe', set: { safeToChat: 'no' } },
          ],
        },
        saveSafe: { call: 'emergency.saveSafe', next: 'offer' },
        // The full report is optional and fills the same case; it asks consent first.
        offer: {
          menu: { key: 'emergency.offerReport', vars: { ref: '$ref' } },
          options: [
            {
              label: 'emergency.reportNow',
              next: { flow: 'complaint', with: { urgent: 'sos', alerted: 'yes', caseId: '$caseId', country: '$country' } },
            },
            { label: 'emergency.notNow', next: 'end' },
          ],
        },
        end: { end: true, say: { key: 'emergency.endNote', vars: { ref: '$ref' } } },
        leave: { end: true },
      },
    },
    {
      id: 'safety',
      start: 'menu',
      steps: {
        menu: {
          menu: 'safety.title',
          options: [
            { label: 'safety.beforeLeaving', next: 'beforeLeaving' },
            { label: 'safety.illegalSigns', next: 'illegalSigns' },
            { label: 'safety.contacts', next: 'contacts' },
            { label: 'safety.checkMessage', next: { flow: 'verify', step: 'ask' } },
            { label: 'safety.discreet', next: { flow: 'discreet' } },
            { label: 'death.menuLabel', next: { flow: 'death' } },
            { label: 'tip.menuLabel', next: { flow: 'recruiterTip' } },
          ],
        },
        beforeLeaving: { say: 'safety.beforeLeavingText', next: 'end' },
        illegalSigns: { say: 'safety.illegalSignsText', next: 'end' },
        contacts: { call: 'emergency.contacts', next: 'end' },
        end: { end: true },
      },
    },
  ],
};
