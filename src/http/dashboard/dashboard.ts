/**
 * The officer dashboard under /dashboard: security headers, cookies, sign-in, then every page of
 * feature (`Feature.pages`) behind sign-in, role and CSRF checks, inside one layout with navigation.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response, type Router as ExpressRouter } from 'express';
import { DateTime } from 'luxon';
import type { Services } from '../../features/services.js';
import { html } from '../../features/kit/html.js';
import { fileSecret } from '../../store/secrets.js';
import { pageSecurityHeaders } from '../securityHeaders.js';
import { DashboardAuth, csrfInput } from './auth.js';
import { layout } from '../../features/kit/dashboard/layout.js';
import type { Officer } from '../../domain/officers/accounts.js';
import type { DashboardKit, DashboardPage, PageContent } from '../../features/kit/dashboard/page.js';
import type { DashboardSession } from '../../store/dashboardSessions.js';
import { LiveEvents } from './liveEvents.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Lang } from '../../core/types.js';
import { dashboardLanguageOf } from '../../domain/officers/workspace.js';

/** Largest form body accepted (case replies, broadcast texts). */
export const MAX_FORM_BODY = '200kb';
/** Largest file upload (multipart form) any dashboard page accepts. */
export const MAX_MULTIPART_BODY = 20 * 1024 * 1024;
const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const ROLE_RANK = { officer: 0, admin: 1 } as const;

/** Adds /dashboard to the express app; `close()` ends the live streams (before the server closes). */
export function mountDashboard(app: ExpressRouter, services: Services, pages: DashboardPage[]): { close(): void } {
  const { config } = services;
  const lang = config.DEFAULT_LANGUAGE;
  const https = config.PUBLIC_BASE_URL.startsWith('https:');
  // The signed-in officer's dashboard language, for everything rendered while serving the request.
  const scope = new AsyncLocalStorage<{ lang: Lang }>();
  const langNow = (): Lang => scope.getStore()?.lang ?? lang;
  const t = (key: string, vars?: Record<string, string | number>) => services.translator.t(langNow(), key, vars);
  const sorted = [...pages].sort((a, b) => (a.nav ?? 1e9) - (b.nav ?? 1e9));
  const allowed = (o: Officer, p: DashboardPage) => ROLE_RANK[o.role] >= ROLE_RANK[p.role ?? 'officer'];

  const render = (res: Response, c: PageContent) => {
    const officer = res.locals.officer as Officer | undefined;
    const session = res.locals.session as DashboardSession | undefined;
    const here = (res.req.baseUrl + res.req.path).replace(/\/$/, '') || '/dashboard';
    const nav = officer
      ? sorted
          .filter((p) => p.nav !== undefined && allowed(officer, p))
          .map((p) => {
            const href = p.path === '/' ? '/dashboard' : `/dashboard${p.path}`;
            return { href, label: t(p.titleKey), current: href === '/dashboard' ? here === href : here.startsWith(href) };
          })
      : [];
    const page = layout({
      lang: langNow(),
      title: c.title,
      appTitle: t('dashboard.title'),
      body: c.body,
      nav,
      officer:
        officer && session
          ? {
              who: t('dashboard.signedInAs', { username: officer.username, role: t(`dashboard.role.${officer.role}`) }),
              logoutLabel: t('dashboard.logout'),
              csrf: csrfInput(session.csrfToken),
              csrfToken: session.csrfToken,
              live: { ack: t('workspace.live.ack'), open: t('workspace.live.open'), title: t('workspace.live.alerts') },
              officer,
            }
          : undefined,
    });
    res.status(c.status ?? 200).set('Cache-Control', 'no-store').type('html').send(page.value);
  };
  const message = (res: Response, status: number, text: string) =>
    render(res, { title: t(status === 404 ? 'dashboard.notFoundTitle' : 'dashboard.refusedTitle'), body: html`<p class="notice">${text}</p>`, status });

  const kit: DashboardKit = {
    services,
    get lang() {
      return langNow();
    },
    t,
    render,
    officer: (res) => res.locals.officer as Officer,
    csrfToken: (res) => (res.locals.session as DashboardSession).csrfToken,
    csrfField: (res) => csrfInput((res.locals.session as DashboardSession).csrfToken),
    audit: (res, action, subject, detail) =>
      services.audit.record(services.clock.now(), `officer:${(res.locals.officer as Officer).id}`, action, subject, detail),
    formatTime: (ms) => DateTime.fromMillis(ms, { zone: config.HOME_TIMEZONE }).setLocale(langNow() === 'jv' ? 'id' : langNow()).toFormat('d LLL yyyy, HH:mm'),
  };

  const auth = new DashboardAuth({
    services,
    t,
    https,
    refuse: message,
    loginPage: (res, status, csrf, error, next, username) =>
      render(res, {
        status,
        title: t('dashboard.login.title'),
        body: html`<form method="post" action="/dashboard/login" class="card login">
  ${csrfInput(csrf)}<input type="hidden" name="next" value="${next ?? '/dashboard'}">
  ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
  <label>${t('dashboard.login.username')}<input name="username" autocomplete="username" required maxlength="64" value="${username ?? ''}"${username ? '' : html` autofocus`}></label>
  <label>${t('dashboard.login.password')}<input name="password" type="password" autocomplete="current-password" required maxlength="1024"></label>
  <button type="submit">${t('dashboard.login.submit')}</button>
</form>`,
      }),
  });

  const r = express.Router();
  r.use(pageSecurityHeaders({ https }));
  r.use('/assets', express.static(ASSETS_DIR, { maxAge: '1h', index: false }));
  r.use(cookieParser(fileSecret(config.DATA_DIR, 'dashboard-cookie')));
  r.use(express.urlencoded({ extended: false, limit: MAX_FORM_BODY }));
  const live = new LiveEvents(services, auth.sessions, (o) => dashboardLanguageOf(services.db, o.id, lang));
  auth.onSignOut = (token) => live.endSession(token);
  // The live stream answers 401 (not the login redirect) so the browser stops reconnecting.
  r.get('/events', (req, res) => {
    const cur = auth.current(req);
    if (!cur) return void res.status(401).type('text').send('signed out');
    live.open(req, res, cur.officer, auth.sessionToken(req) as string);
  });
  auth.routes(r);
  // Multipart bodies (file uploads) are read before the CSRF check, so their form's `_csrf` field counts.
  r.use(auth.requireOfficer, express.raw({ type: 'multipart/form-data', limit: MAX_MULTIPART_BODY }), auth.checkCsrf);
  r.use((_req: Request, res: Response, next: NextFunction) =>
    scope.run({ lang: dashboardLanguageOf(services.db, (res.locals.officer as Officer).id, lang) }, next),
  );
  // An officer acknowledges an alert: every tab stops ringing for it.
  r.post('/events/ack', (req, res) => {
    const key = typeof req.body?.key === 'string' ? req.body.key.slice(0, 40) : '';
    if (!/^(sos:\d+|[A-Z0-9-]{4,30})$/.test(key)) return void res.status(400).json({ ok: false });
    kit.audit(res, 'alert_acknowledged', key);
    res.json({ ok: true });
  });
  for (const page of sorted) {
    const pr = express.Router();
    pr.use((_req: Request, res: Response, next: NextFunction) =>
      allowed(res.locals.officer as Officer, page) ? next() : message(res, 403, t('dashboard.forbidden')),
    );
    page.mount(pr, kit);
    r.use(page.path, pr);
  }
  r.use((_req: Request, res: Response) => message(res, 404, t('dashboard.notFound')));
  // Errors go to the app's one JSON error handler (src/http/errors.ts): no stack, no echo, no body in the log.
  app.use('/dashboard', r);
  return { close: () => live.close() };
}
