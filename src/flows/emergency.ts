/** Emergency help at once (`sos`/`darurat`/`emergency`) and safe-migration information. */
import type { Action } from '../conversation/actions.js';
import type { Text } from '../conversation/flow.js';
import type { Feature } from '../conversation/registry.js';
import { hotlinesFor } from '../domain/reference.js';

/** The emergency contacts for a country as text lines; unverified numbers say so. */
export function emergencyContactsText(country: string | null): Text {
  const lines: Text[] = [];
  for (const h of hotlinesFor(country)) {
    lines.push(h.verified ? { raw: `• ${h.name}` } : { key: 'emergency.unverifiedName', vars: { name: h.name } });
    for (const n of h.numbers) lines.push({ key: `emergency.number.${n.kind}`, vars: { value: n.value } });
  }
  return { lines };
}

const showContacts: Action = (ctx) => ({
  replies: [
    {
      text: {
        lines: [
          { key: 'emergency.contactsTitle' },
          emergencyContactsText(ctx.contact.country),
          { key: 'emergency.localPolice' },
        ],
      },
    },
  ],
});

export const emergencyFeature: Feature = {
  name: 'emergency',
  actions: { 'emergency.contacts': showContacts },
  flows: [
    {
      id: 'emergency',
      start: 'intro',
      steps: {
        intro: { say: 'emergency.intro', next: 'contacts' },
        contacts: { call: 'emergency.contacts', next: 'end' },
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
