/** Emergency help at once (`sos`/`darurat`/`emergency`) and safe-migration information. */
import type { Action } from '../../conversation/actions.js';
import type { Text, VarValue } from '../../conversation/flow.js';
import type { Feature } from '../feature.js';
import { countryLabel, notifyOfficers } from '../../domain/cases/alerts.js';
import { hotlinesFor } from '../../domain/reference.js';
import { institution } from '../../domain/institutions.js';
import type { Lang } from '../../core/types.js';
import { verifiedHotlineIds } from '../../domain/hotlineVerification.js';
import { hotlinesPage } from './dashboardPage.js';

/** An emergency word repeated within this time does not alert the officers again. */
export const EMERGENCY_REALERT_MS = 10 * 60_000;

/**
 * The emergency contacts for a country as text lines. Entries an admin has not confirmed (ids not in
 * `verified`; pass `verifiedHotlineIds(db)`) carry the "not yet verified" note. With `lang`,
 * institutions are named as data/institutions.json names them in that language.
 */
export function emergencyContactsText(country: string | null, verified: ReadonlySet<string> = new Set(), lang?: Lang | null): Text {
  const lines: Text[] = [];
  for (const h of hotlinesFor(country)) {
    const ok = h.verified || verified.has(h.id);
    // An entry of no institution is the country's own emergency service (police, ambulance).
    const name: VarValue = h.institution === undefined ? { t: 'emergency.localTitle' } : lang ? institution(h.institution).display[lang] : h.name;
    lines.push(ok ? { key: 'emergency.verifiedName', vars: { name } } : { key: 'emergency.unverifiedName', vars: { name } });
    for (const n of h.numbers) lines.push({ key: `emergency.number.${n.kind}`, vars: { value: n.value } });
    for (const c of h.shortCodes ?? []) lines.push({ key: `emergency.short.${c.kind}`, vars: { value: c.value } });
  }
  return { lines };
}

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
  const recent = ctx.db
    .prepare("SELECT COUNT(*) FROM audit WHERE actor = ? AND action = 'emergency_alert' AND at > ?")
    .pluck()
    .get(actor, ctx.now - EMERGENCY_REALERT_MS) as number;
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
