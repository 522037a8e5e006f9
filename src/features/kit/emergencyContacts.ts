/** The emergency contacts text, shown by the emergency flow and at the start of a report. */
import type { Lang } from '../../core/types.js';
import type { Reply, Text, VarValue } from '../../core/text.js';
import { institution } from '../../domain/institutions.js';
import { hotlinesFor } from '../../domain/reference.js';

export interface ContactsOptions {
  /** Only the country's own entries (not the Crisis Center for everyone). */
  localOnly?: boolean;
  /** Ids an admin has confirmed (`verifiedHotlineIds(db)`); the others carry the "not yet verified" note. */
  verified?: ReadonlySet<string>;
  /** Names institutions as data/institutions.json does in this language. */
  lang?: Lang | null;
}

/** The emergency contacts for a country as text lines (`true` as options: only the country's own). */
export function emergencyContactsText(country: string | null, options: boolean | ContactsOptions = {}): Text {
  const o: ContactsOptions = typeof options === 'boolean' ? { localOnly: options } : options;
  const verified = o.verified ?? new Set<string>();
  const lines: Text[] = [];
  for (const h of hotlinesFor(country).filter((x) => !o.localOnly || !x.countries.includes('*'))) {
    const ok = h.verified || verified.has(h.id);
    // An entry of no institution is the country's own emergency service (police, ambulance).
    const name: VarValue = h.institution === undefined ? { t: 'emergency.localTitle' } : o.lang ? institution(h.institution).display[o.lang] : h.name;
    lines.push(ok ? { key: 'emergency.verifiedName', vars: { name } } : { key: 'emergency.unverifiedName', vars: { name } });
    for (const n of h.numbers) lines.push({ key: `emergency.number.${n.kind}`, vars: { value: n.value } });
    for (const c of h.shortCodes ?? []) lines.push({ key: `emergency.short.${c.kind}`, vars: { value: c.value } });
  }
  return { lines };
}

/** The emergency contacts as one reply. */
export function emergencyContactsReply(country: string | null, options: Omit<ContactsOptions, 'localOnly'> = {}): Reply {
  return { text: { lines: [{ key: 'emergency.contactsTitle' }, emergencyContactsText(country, options), { key: 'emergency.localPolice' }] } };
}
