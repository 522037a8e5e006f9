/** What an officer sets for their own working day: on duty or away, and the dashboard language. */
import type { DB } from '../../store/db.js';
import type { Lang } from '../../core/types.js';

/** Languages the dashboard is offered in (the public languages include Javanese; officers read id or en). */
export const DASHBOARD_LANGUAGES = ['id', 'en'] as const;
export type DashboardLanguage = (typeof DASHBOARD_LANGUAGES)[number];

export interface OfficerPrefs {
  away: boolean;
  /** Null: the helpline's DEFAULT_LANGUAGE. */
  language: DashboardLanguage | null;
}

export interface RosterEntry {
  id: number;
  username: string;
  away: boolean;
}

/** An officer's own settings. */
export function officerPrefs(db: DB, officerId: number): OfficerPrefs {
  const r = db.prepare('SELECT away, dashboard_language AS language FROM officers WHERE id = ?').get(officerId) as { away: number; language: string | null } | undefined;
  const language = (DASHBOARD_LANGUAGES as readonly string[]).includes(r?.language ?? '') ? (r!.language as DashboardLanguage) : null;
  return { away: r?.away === 1, language };
}

/** The dashboard language of an officer, or the fallback. */
export function dashboardLanguageOf(db: DB, officerId: number, fallback: Lang): Lang {
  return officerPrefs(db, officerId).language ?? fallback;
}

/** Marks an officer on duty (away = false) or away. */
export function setAway(db: DB, officerId: number, away: boolean, now: number): void {
  db.prepare('UPDATE officers SET away = ?, updated_at = ? WHERE id = ?').run(away ? 1 : 0, now, officerId);
}

/** Sets the officer's dashboard language. */
export function setDashboardLanguage(db: DB, officerId: number, language: DashboardLanguage, now: number): void {
  db.prepare('UPDATE officers SET dashboard_language = ?, updated_at = ? WHERE id = ?').run(language, now, officerId);
}

/** Active officer accounts, on duty first, for "assign to". */
export function officerRoster(db: DB): RosterEntry[] {
  return (db.prepare('SELECT id, username, away FROM officers WHERE disabled_at IS NULL ORDER BY away, username').all() as { id: number; username: string; away: number }[]).map(
    (r) => ({ ...r, away: r.away === 1 }),
  );
}
