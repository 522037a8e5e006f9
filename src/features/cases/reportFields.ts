/** The report's answers in the flow data, as the fields a case stores (the report and the full report after `sos`). */
import type { ActionContext } from '../../conversation/actions.js';
import type { Json } from '../../conversation/flow.js';
import { isCategory } from '../../domain/cases/categories.js';
import type { ContactPref } from '../../domain/cases/cases.js';
import type { FullReport } from '../../domain/cases/emergency.js';

const str = (v: Json | undefined): string | null => (typeof v === 'string' && v.length ? v : null);

/** Reads the answers the report flow collected. */
export function reportFields(ctx: ActionContext): FullReport {
  const d = ctx.data;
  const country = str(d.country);
  return {
    anonymous: d.anonymous === true,
    onBehalf: d.onBehalf === 'family' ? 'family' : 'self',
    category: isCategory(d.category) ? d.category : 'other',
    country,
    countryText: country === 'OTHER' ? str(d.countryText) : null,
    city: str(d.city),
    workerName: str(d.workerName),
    agencyText: str(d.agencyName),
    description: str(d.description),
    contactPref: (str(d.contactPref) as ContactPref | null) ?? 'any',
    safeTime: str(d.safeTime),
    language: ctx.lang,
  };
}
