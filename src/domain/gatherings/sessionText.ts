/** How a programme session is written for a person: home time (HOME_TIMEZONE) and where it is held. */
import type { VarValue } from '../../core/text.js';
import type { Lang } from '../../core/types.js';
import { ContactStore, languageOf } from '../../store/contacts.js';
import type { DB } from '../../store/db.js';
import type { Occurrence } from './store.js';
import { type TimeSettings, formatAt, titleIn } from './time.js';

/** The session's date and time in home time, as a var ("Sunday 6 Dec 2026, 09:00 (Banyuwangi time)"). */
export function sessionWhen(o: Occurrence, lang: Lang, s: TimeSettings): VarValue {
  return { t: 'gatherings.whenHome', vars: { home: formatAt(o.startsAt, s.HOME_TIMEZONE, lang) } };
}

/** Where it is held: the place, online (with the link only when `withLink`), or both. */
export function sessionWhere(o: Occurrence, withLink: boolean): VarValue {
  const online = o.link ? (withLink ? { t: 'sessions.whereOnlineLink', vars: { link: o.link } } : { t: 'sessions.whereOnline' }) : null;
  if (o.place && online) return { t: 'sessions.whereBoth', vars: { place: o.place, online } };
  if (o.place) return o.place;
  return online ?? '-';
}

/** Title, when and where of a session written for one recipient (undefined if the contact is gone). */
export function sessionNoticeVars(db: DB, o: Occurrence, contactId: number, s: TimeSettings, withLink: boolean) {
  const c = new ContactStore(db).get(contactId);
  if (!c) return undefined;
  const lang = languageOf(c, s.DEFAULT_LANGUAGE);
  return { title: titleIn(o.title, lang), when: sessionWhen(o, lang, s), where: sessionWhere(o, withLink) };
}
