/** Actions, checks and option sources of the agency check (they run inside the turn's transaction). */
import type { Action } from '../../conversation/actions.js';
import type { Check, Data, Json, OptionSource, Text } from '../../conversation/flow.js';
import { type LookupKind, countLookup, topLookups } from '../../domain/agencies/lookups.js';
import { type AgencyMatch, findAgencies } from '../../domain/agencies/matcher.js';
import { agencyById, currentImport, effectiveStatus } from '../../domain/agencies/register.js';
import { homeDay } from '../../core/clock.js';
import { countLookupMatch } from '../../domain/agencies/history.js';
import { reviewCounts } from '../../domain/agencies/reviews.js';
import { reviewSummaryLines } from './reviews.js';
import { detailText, entryText, registerFooter, showDate, warningLines } from './agencyReplies.js';

/** Shortest and longest query accepted (a trigram needs 3 letters). */
export const MIN_QUERY_CHARS = 3;
export const MAX_QUERY_CHARS = 120;
/** Lookups shown to officers by /agencies: the last this many days, top this many. */
export const ADMIN_TOP_DAYS = 30;
export const ADMIN_TOP_LIMIT = 10;

const BLANK: Text = { raw: '' };

/** A company name or license number: at least 3 letters or digits. */
export const queryCheck: Check = ({ text }) => {
  const t = text.replace(/\s+/g, ' ').trim();
  if ((t.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < MIN_QUERY_CHARS || t.length > MAX_QUERY_CHARS) {
    return { ok: false, error: { key: 'agency.queryInvalid', vars: { max: String(MAX_QUERY_CHARS) } } };
  }
  return { ok: true, value: t };
};


function kindOf(matches: AgencyMatch[]): LookupKind {
  const top = matches[0];
  if (!top) return 'not_found';
  if (top.strength === 'weak') return 'similar';
  return top.status === 'active' ? 'licensed' : top.status;
}

/** Looks up the typed name or license number, answers with up to 5 numbered results, and counts the lookup. */
export const lookup: Action = (ctx, args) => {
  const query = String(args.query ?? '');
  const lang = ctx.lang;
  const zone = ctx.config.HOME_TIMEZONE;
  const info = currentImport(ctx.db);
  const today = homeDay(ctx.now, zone);
  if (!info) {
    countLookup(ctx.db, today, query, '', 'not_found');
    return {
      replies: [{ text: { lines: [{ key: 'agency.registerEmpty' }, BLANK, ...warningLines()] } }],
      set: { results: [], offerReport: true, agencyName: query },
    };
  }
  const result = findAgencies(ctx.db, query, today);
  const kind = kindOf(result.matches);
  countLookup(ctx.db, today, query, result.queryNorm, kind);

  const strong = result.matches.filter((m) => m.strength === 'strong');
  const weak = result.matches.filter((m) => m.strength === 'weak');
  const lines: Text[] = [];
  let n = 0;
  if (strong.length) {
    lines.push({ key: 'agency.resultsTitle', vars: { query } });
    for (const m of strong) {
      countLookupMatch(ctx.db, today, m.agency.licenseNorm);
      lines.push(entryText(++n, m, lang), ...reviewSummaryLines(reviewCounts(ctx.db, m.agency.licenseNorm), ctx.config.AGENCY_REVIEWS_MIN));
    }
    if (weak.length) lines.push(BLANK, { key: 'agency.similarTitle' });
  } else {
    // "Not found" only when nothing is similar: a partial name of a revoked agency must not read as "not found".
    const header = result.by === 'license' ? 'agency.licenseNotFound' : weak.length ? 'agency.notExact' : 'agency.notFound';
    lines.push({ key: header, vars: { query } });
    if (weak.length) lines.push(BLANK, { key: 'agency.didYouMean' });
  }
  for (const m of weak) lines.push(entryText(++n, m, lang));
  const licensed = kind === 'licensed';
  lines.push(BLANK, ...(licensed ? [{ key: 'agency.licensedAdvice' } as Text] : warningLines()));
  lines.push(BLANK, ...registerFooter(info, lang, zone));
  const shown = [...strong, ...weak];
  return {
    outcome: kind,
    replies: [{ text: { lines } }],
    set: {
      results: shown.map((m) => ({ id: m.agency.id, name: m.agency.name, strong: m.strength === 'strong' })),
      offerReport: !licensed,
      // For a report: the registered name of a bad agency, else what the user typed.
      agencyName: strong.length && !licensed ? strong[0].agency.name : query,
    },
  };
};

/** Shows one register entry the user picked from the results. */
export const show: Action = (ctx, args) => {
  const lang = ctx.lang;
  const info = currentImport(ctx.db);
  const agency = agencyById(ctx.db, Number(args.id));
  if (!agency || !info) return { replies: [{ text: { key: 'agency.entryGone' } }] };
  const status = effectiveStatus(agency, homeDay(ctx.now, ctx.config.HOME_TIMEZONE));
  const results = (ctx.data.results as { id: number; strong: boolean }[] | undefined) ?? [];
  const strong = results.some((r) => r.id === agency.id && r.strong);
  const lines: Text[] = [detailText(agency, status, lang), ...reviewSummaryLines(reviewCounts(ctx.db, agency.licenseNorm), ctx.config.AGENCY_REVIEWS_MIN), BLANK];
  if (!strong) lines.push({ key: 'agency.pickedCaution' }, BLANK);
  lines.push(...(status === 'active' ? [{ key: 'agency.licensedAdvice' } as Text] : warningLines()), BLANK, ...registerFooter(info, lang, ctx.config.HOME_TIMEZONE));
  const set: Data = {};
  if (status !== 'active') Object.assign(set, { offerReport: true, agencyName: agency.name });
  return { replies: [{ text: { lines } }], set };
};

/** What the user can do after an answer: see a result, report (when warned), check another, read the checklist. */
export const nextOptions: OptionSource = (data) => {
  const results = (data.results as { id: number; name: string }[] | undefined) ?? [];
  return [
    ...results.map((r) => ({ label: { key: 'agency.optDetails', vars: { name: r.name } }, value: r.id as Json })),
    ...(data.offerReport ? [{ label: { key: 'agency.optReport' } as Text, value: 'report' }] : []),
    { label: { key: 'agency.optAgain' }, value: 'again' },
    { label: { key: 'agency.optHowTo' }, value: 'howto' },
  ];
};

/** Officers: when the register was imported, from where, and what people ask about. */
export const adminSummary: Action = (ctx) => {
  const lang = ctx.lang;
  const zone = ctx.config.HOME_TIMEZONE;
  const info = currentImport(ctx.db);
  const lines: Text[] = [];
  if (!info) lines.push({ key: 'agency.registerEmpty' });
  else {
    lines.push({
      key: 'agency.adminRegister',
      vars: { source: info.source, date: showDate(homeDay(info.importedAt, zone), lang), loaded: info.rowsLoaded, rejected: info.rowsRejected },
    });
    if (info.isSample) lines.push({ key: 'agency.sampleNotice' });
  }
  const since = homeDay(ctx.now - ADMIN_TOP_DAYS * 86_400_000, zone);
  const top = topLookups(ctx.db, since, ADMIN_TOP_LIMIT);
  lines.push(BLANK, { key: 'agency.adminTopTitle', vars: { days: ADMIN_TOP_DAYS } });
  if (!top.length) lines.push({ key: 'agency.adminNoLookups' });
  for (const t of top) lines.push({ key: 'agency.adminTopLine', vars: { count: t.count, query: t.query, result: { t: `agency.kind.${t.result}` } } });
  ctx.audit('agency_register_viewed');
  return { replies: [{ text: { lines } }] };
};
