/** `/agency NAME` for officers: the same summary as the dashboard's agency page, in chat. */
import type { Action } from '../../conversation/actions.js';
import type { Text } from '../../conversation/flow.js';
import { agencyInsights } from '../../domain/agencies/insights.js';
import { findAgencies } from '../../domain/agencies/matcher.js';
import { effectiveStatus } from '../../domain/agencies/register.js';
import { countryLabel } from '../../domain/cases/alerts.js';
import { homeDay } from '../../core/clock.js';
import { showDate } from './agencyReplies.js';

/** Categories and countries listed in chat (the rest are in the dashboard). */
const TOP_SHOWN = 5;

export const officerAgencySummary: Action = (ctx, args) => {
  const query = String(args.query ?? '').trim();
  if (query.length < 3) return { replies: [{ text: { key: 'agency.officer.usage' } }] };
  const lang = ctx.contact.language ?? ctx.config.DEFAULT_LANGUAGE;
  const today = homeDay(ctx.now, ctx.config.HOME_TIMEZONE);
  const strong = findAgencies(ctx.db, query, today).matches.filter((m) => m.strength === 'strong');
  if (!strong.length) return { replies: [{ text: { key: 'agency.officer.notFound', vars: { query } } }] };
  const x = agencyInsights(ctx.db, strong[0].agency, ctx.now, today);
  const a = x.agency;
  const lines: Text[] = [
    { key: 'agency.officer.title', vars: { name: a.name, license: a.license, status: { t: `agency.kind.${effectiveStatus(a, today) === 'active' ? 'licensed' : effectiveStatus(a, today)}` } } },
    { key: 'agency.officer.reports', vars: { total: x.reports.total, recent: x.reports.recent } },
  ];
  if (x.reports.byCategory.length) {
    lines.push({ key: 'agency.officer.byCategory', vars: { list: x.reports.byCategory.slice(0, TOP_SHOWN).map((c) => `${c.key} ${c.n}`).join(', ') } });
    lines.push({ key: 'agency.officer.byCountry', vars: { list: x.reports.byCountry.slice(0, TOP_SHOWN).map((c) => `${countryLabel(c.key === 'OTHER' ? null : c.key, c.key === 'OTHER' ? '?' : null, lang)} ${c.n}`).join(', ') } });
  }
  lines.push({ key: 'agency.officer.lookups', vars: { total: x.lookups.total, recent: x.lookups.recent } });
  lines.push({ key: 'agency.officer.historyTitle' });
  for (const h of x.history) {
    lines.push({ key: 'agency.officer.historyLine', vars: { date: showDate(homeDay(h.recordedAt, ctx.config.HOME_TIMEZONE), lang), status: h.status, until: h.validUntil ?? '-' } });
  }
  lines.push({ key: 'agency.officer.reviews', vars: { approved: x.reviews.total, pending: x.reviews.pending } });
  if (strong.length > 1) lines.push({ key: 'agency.officer.more', vars: { n: strong.length - 1 } });
  ctx.audit('agency_summary_viewed', a.license);
  return { replies: [{ text: { lines } }] };
};
