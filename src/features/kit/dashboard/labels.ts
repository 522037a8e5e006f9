/** How case fields read on the dashboard: categories, programs, countries, actors. */
import { programById } from '../../../domain/assistance/programs.js';
import { countryLabel } from '../../../domain/cases/alerts.js';
import type { CaseKind } from '../../../domain/cases/categories.js';
import type { Lang } from '../../../core/types.js';
import type { DB } from '../../../store/db.js';
import { institutionForReferral } from '../../../domain/institutions.js';
import { identifyActor } from '../../../domain/officers/actors.js';

type T = (key: string, vars?: Record<string, string | number>) => string;

/** A complaint category or an assistance program, in the dashboard language. */
export function categoryLabel(t: T, kind: CaseKind, category: string): string {
  if (kind === 'assistance') {
    const p = programById(category);
    return p ? t(`${p.texts}.title`) : category;
  }
  return t(`case.category.${category}`);
}

/** A destination country name, or what the reporter typed. */
export function countryName(code: string | null, typed: string | null, lang: Lang): string {
  return code === null && typed === null ? '–' : countryLabel(code, typed, lang);
}

/** A referral target as the institution's name (data/institutions.json) in the dashboard language. */
export function referralLabel(target: string, lang: Lang): string {
  return institutionForReferral(target)?.display[lang] ?? target;
}

/** Who did something in a case history: reporter, system, API, a chat officer or a dashboard account. */
export function actorName(t: T, db: DB, actor: string): string {
  const who = identifyActor(db, actor);
  switch (who.kind) {
    case 'reporter':
      return t('dashboard.cases.actor.reporter');
    case 'api':
      return 'API';
    case 'account':
      return who.username ?? actor;
    case 'chatOfficer':
      return who.username ?? t('dashboard.cases.actor.chatOfficer', { id: String(who.contactId) });
    default:
      return t('dashboard.cases.actor.system');
  }
}
