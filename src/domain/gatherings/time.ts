/** Showing a gathering's time to someone: their local time (from their country) and home time. */
import { DateTime } from 'luxon';
import type { Text } from '../../conversation/flow.js';
import type { Lang } from '../../core/types.js';
import { countryByCode } from '../reference.js';
import { languageOf } from '../../store/contacts.js';

/** How times are written in chat, per language (luxon/Intl locale). */
const FORMAT = 'cccc d LLL yyyy, HH:mm';

export interface Viewer {
  language: Lang | null;
  country: string | null;
}

export interface TimeSettings {
  HOME_TIMEZONE: string;
  DEFAULT_LANGUAGE: Lang;
}

/** A date and time written for a language in a zone. */
export function formatAt(ms: number, zone: string, lang: Lang): string {
  return DateTime.fromMillis(ms, { zone }).setLocale(lang).toFormat(FORMAT);
}

/** "Sunday 6 Dec 2026, 15:00 (Hong Kong) · 14:00 in Banyuwangi", or home time only. */
export function whenText(ms: number, viewer: Viewer, s: TimeSettings): Text {
  const lang = languageOf(viewer, s.DEFAULT_LANGUAGE);
  const country = countryByCode(viewer.country);
  const home = formatAt(ms, s.HOME_TIMEZONE, lang);
  if (!country || country.timezone === s.HOME_TIMEZONE) return { key: 'gatherings.whenHome', vars: { home } };
  const local = formatAt(ms, country.timezone, lang);
  const homeTime = DateTime.fromMillis(ms, { zone: s.HOME_TIMEZONE }).toFormat('HH:mm');
  return { key: 'gatherings.whenLocal', vars: { local, zone: country.name[lang], home: homeTime } };
}

/** The title in a language, falling back to Indonesian (officer-typed text, never translated). */
export function titleIn(title: Record<string, string>, lang: Lang): string {
  return title[lang] || title.id || Object.values(title)[0] || '';
}
