/** The emergency contacts text, shown by the emergency flow and at the start of a report. */
import type { Reply, Text } from '../../core/text.js';
import { hotlinesFor } from '../../domain/reference.js';

/** The emergency contacts for a country as text lines (only the country's own with `localOnly`); unverified numbers say so. */
export function emergencyContactsText(country: string | null, localOnly = false): Text {
  const lines: Text[] = [];
  for (const h of hotlinesFor(country).filter((x) => !localOnly || !x.countries.includes('*'))) {
    lines.push(h.verified ? { raw: `• ${h.name}` } : { key: 'emergency.unverifiedName', vars: { name: h.name } });
    for (const n of h.numbers) lines.push({ key: `emergency.number.${n.kind}`, vars: { value: n.value } });
  }
  return { lines };
}

/** The emergency contacts as one reply. */
export function emergencyContactsReply(country: string | null): Reply {
  return { text: { lines: [{ key: 'emergency.contactsTitle' }, emergencyContactsText(country), { key: 'emergency.localPolice' }] } };
}
