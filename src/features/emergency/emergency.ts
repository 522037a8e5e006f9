/** Emergency help at once (`sos`/`darurat`/`emergency`) and safe-migration information. */
import type { Action } from '../../conversation/actions.js';
import type { Text } from '../../conversation/flow.js';
import type { Feature } from '../feature.js';
import { countryLabel, notifyOfficers } from '../../domain/cases/alerts.js';
import { countActions } from '../../store/audit.js';
import { emergencyContactsText } from '../kit/emergencyContacts.js';
import { verifiedHotlineIds } from '../../domain/hotlineVerification.js';
import { hotlinesPage } from './dashboardPage.js';

/** An emergency word repeated within this time does not alert the officers again. */
export const EMERGENCY_REALERT_MS = 10 * 60_000;

const showContacts: Action = (ctx) => ({
  replies: [
    {
      text: {
        lines: [
          { key: 'emergency.contactsTitle' },
          emergencyContactsText(ctx.contact.country, verifiedHotlineIds(ctx.db), ctx.contact.language),
          { key: 'emergency.localPolice' },
        ],
      },
    },
  ],
});

/** Alerts every officer at once (urgent) that someone used the emergency word; audited. */
const alertOfficers: Action = (ctx) => {
  const actor = `contact:${ctx.contact.id}`;
  const recent = countActions(ctx.db, actor, 'emergency_alert', ctx.now - EMERGENCY_REALERT_MS);
  if (!recent) {
    notifyOfficers(ctx.db, ctx.notify, (lang) => ({
      text: {
        lines: [
          { key: 'officer.urgentMark' },
          { key: 'officer.sosAlert', vars: { country: ctx.contact.country ? countryLabel(ctx.contact.country, null, lang) : '-', channel: ctx.contact.channel } },
        ],
      },
    }));
    ctx.audit('emergency_alert', actor);
  }
  return { replies: [{ text: { key: 'emergency.officersAlerted' } }] };
};

export const emergencyFeature: Feature = {
  name: 'emergency',
  // The engine leads here on `sos` (data.trigger 'sos') and on danger words (data.trigger 'danger', data.text).
  entries: { emergency: 'emergency' },
  actions: { 'emergency.contacts': showContacts, 'emergency.alert': alertOfficers },
  pages: [hotlinesPage],
  flows: [
    {
      id: 'emergency',
      start: 'intro',
      steps: {
        intro: { say: 'emergency.intro', next: 'contacts' },
        contacts: { call: 'emergency.contacts', next: 'alert' },
        alert: { call: 'emergency.alert', next: 'offer' },
        // The report that follows is urgent from the start; officers were already alerted.
        offer: {
          menu: 'emergency.offerReport',
          options: [
            { label: 'emergency.reportNow', next: { flow: 'complaint', with: { urgent: 'sos', alerted: 'yes' } } },
            { label: 'emergency.notNow', next: 'end' },
          ],
        },
        end: { end: true },
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
