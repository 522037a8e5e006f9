/** The emergency contacts text, shown by the emergency flow and at the start of a report. */
import type { Lang } from '../../core/types.js';
import type { Text, VarValue } from '../../core/text.js';
import { institution } from '../../domain/institutions.js';
import { hotlinesFor } from '../../domain/reference.js';

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
