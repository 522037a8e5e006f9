/** Turns agency matches into reply texts (keys in locales/<lang>/agency.json). */
import { DateTime } from 'luxon';
import { homeDay } from '../../core/clock.js';
import type { Lang } from '../../core/types.js';
import type { Text, Vars } from '../../conversation/flow.js';
import type { AgencyMatch } from '../../domain/agencies/matcher.js';
import type { Agency, ImportInfo } from '../../domain/agencies/register.js';
import type { AgencyStatus } from '../../domain/agencies/csvRows.js';

/** A YYYY-MM-DD date in the reader's language ("27 Nov 2026" / "27 Nov 2026"). */
export function showDate(iso: string, lang: Lang): string {
  return DateTime.fromISO(iso).setLocale(lang === 'en' ? 'en-GB' : 'id').toFormat('d LLL yyyy');
}

const STATUS_KEY: Record<AgencyStatus, string> = {
  active: 'agency.entryLicensed',
  suspended: 'agency.entrySuspended',
  revoked: 'agency.entryRevoked',
  expired: 'agency.entryExpired',
};

function entryVars(n: string, a: Agency, lang: Lang): Vars {
  return {
    n,
    name: a.name,
    license: a.license,
    city: a.city ?? '-',
    validUntil: a.validUntil ? showDate(a.validUntil, lang) : { t: 'agency.noDate' },
  };
}

/**
 * One numbered entry: the status in plain words for a strong match; for a similar name the status
 * too (a worker who stops reading here must still learn that a licence expired), with the warning
 * that the name differs, so a licensed look-alike never reads as a confirmation.
 */
export function entryText(n: number, m: AgencyMatch, lang: Lang): Text {
  if (m.strength === 'weak') {
    return { key: 'agency.entrySimilar', vars: { n: `${n}.`, name: m.agency.name, city: m.agency.city ?? '-', status: { t: `agency.similarStatus.${m.status}` } } };
  }
  return { key: STATUS_KEY[m.status], vars: entryVars(`${n}.`, m.agency, lang) };
}

/** The full entry of one agency (after the user picked it), with address. */
export function detailText(a: Agency, status: AgencyStatus, lang: Lang): Text {
  const lines: Text[] = [{ key: 'agency.detailTitle' }, { key: STATUS_KEY[status], vars: entryVars('•', a, lang) }];
  if (a.address || a.province) {
    lines.push({ key: 'agency.detailAddress', vars: { address: a.address ?? '-', city: a.city ?? '-', province: a.province ?? '-' } });
  }
  return { lines };
}

/** "Register updated on DATE", and the fictional-data notice while the shipped sample is active. */
export function registerFooter(info: ImportInfo, lang: Lang, zone: string): Text[] {
  const day = homeDay(info.importedAt, zone);
  const lines: Text[] = [{ key: 'agency.listUpdated', vars: { date: showDate(day, lang) } }];
  if (info.isSample) lines.push({ key: 'agency.sampleNotice' });
  return lines;
}

/** Warning signs of illegal recruitment and the offer to report. */
export function warningLines(): Text[] {
  return [{ key: 'agency.warning' }, { key: 'agency.reportOffer' }];
}
