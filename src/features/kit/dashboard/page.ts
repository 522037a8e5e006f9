/**
 * The dashboard's page API. A page module exports one `DashboardPage` and is listed in its
 * feature's `pages` (src/features/<name>/); the dashboard mounts it at `/dashboard<path>` behind sign-in, the role check,
 * form-body parsing and the CSRF check, and adds it to the navigation.
 *
 * ```ts
 * export const casesPage: DashboardPage = {
 *   path: '/cases', titleKey: 'dashboard.nav.cases', nav: 20,
 *   mount(r, kit) {
 *     r.get('/', (req, res) => kit.render(res, { title: kit.t('dashboard.nav.cases'), body: html`<p>${x}</p>` }));
 *     r.post('/:ref/reply', (req, res) => { kit.audit(res, 'case_reply', req.params.ref); res.redirect(303, '.'); });
 *   },
 * };
 * ```
 * Forms: `<form method="post">${kit.csrfField(res)}…</form>`, file uploads (multipart) included:
 * the dashboard reads multipart bodies before the check. Scripts may send an `X-CSRF-Token`
 * header. Never put the token in a URL (it would land in logs, history and Referer headers).
 */
import type { Response, Router } from 'express';
import type { Lang } from '../../../core/types.js';
import type { Services } from '../../services.js';
import type { Html } from '../html.js';
import type { Officer, OfficerRole } from '../../../domain/officers/accounts.js';

export interface DashboardPage {
  /** Path under /dashboard: '/' for the overview, '/cases', ... */
  path: string;
  /** Translation key of the navigation label. */
  titleKey: string;
  /** Position in the navigation (low first); pages without it are reachable but not listed. */
  nav?: number;
  /** Lowest role that may open the page (default 'officer'). */
  role?: OfficerRole;
  /** Adds the page's routes; `r` is already mounted at /dashboard<path> behind sign-in and CSRF. */
  mount(r: Router, kit: DashboardKit): void;
}

export interface PageContent {
  title: string;
  body: Html;
  status?: number;
}

/** What a page gets to render and act. */
export interface DashboardKit {
  services: Services;
  /** The dashboard language of the signed-in officer (their choice, else DEFAULT_LANGUAGE). */
  lang: Lang;
  /** Translates a key in the signed-in officer's dashboard language. */
  t(key: string, vars?: Record<string, string | number>): string;
  /** Sends a whole page: the layout with navigation around `body`. */
  render(res: Response, content: PageContent): void;
  /** The signed-in officer of this request. */
  officer(res: Response): Officer;
  /** The hidden `_csrf` input every POST form must contain. */
  csrfField(res: Response): Html;
  /** The CSRF token itself (for fetch headers or upload URLs). */
  csrfToken(res: Response): string;
  /** Appends to the audit trail with the signed-in officer as actor. */
  audit(res: Response, action: string, subject?: string, detail?: string): void;
  /** A date and time in the officers' time zone (HOME_TIMEZONE). */
  formatTime(ms: number): string;
}
