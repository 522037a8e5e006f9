/** The emergency contacts text, shown by the emergency flow and at the start of a report. */
import type { Text } from '../../core/text.js';
import { hotlinesFor } from '../../domain/reference.js';

/** The emergency contacts for a country as text lines; unverified numbers say so. */
export function emergencyContactsText(country: string | null): Text {
  const lines: Text[] = [];
  for (const h of hotlinesFor(country)) {
    lines.push(h.verified ? { raw: `• ${h.name}` } : { key: 'emergency.unverifiedName', vars: { name: h.name } });
    for (const n of h.numbers) lines.push({ key: `emergency.number.${n.kind}`, vars: { value: n.value } });
  }
  return { lines };
}
