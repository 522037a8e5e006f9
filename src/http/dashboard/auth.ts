/**
 * Dashboard sign-in: login form (with its own CSRF cookie), rate limits, audited failures, a new
 * session id at every sign-in, sign-out, and the middlewares that load the session and check the
 * per-session CSRF token on every state-changing request.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, NextFunction, Request, Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Services } from '../../features/services.js';
import { type Html, html } from '../../features/kit/html.js';
import { type Officer, checkCredentials, getOfficer } from '../../domain/officers/accounts.js';
import { type DashboardSession, SESSION_MAX_MS, DashboardSessionStore } from '../../store/dashboardSessions.js';
import { boundaryOf, fieldIn } from '../../features/kit/dashboard/multipart.js';
import { normalizeUsername } from '../../domain/officers/accounts.js';

export const SESSION_COOKIE = 'helpline_session';
const LOGIN_COOKIE = 'helpline_login';
/** Failed sign-ins per username and address in LOGIN_WINDOW_MS before 429. */
export const LOGIN_ATTEMPTS_PER_USER = 5;
/** Sign-in attempts per address in LOGIN_WINDOW_MS, whatever the username. */
export const LOGIN_ATTEMPTS_PER_IP = 30;
export const LOGIN_WINDOW_MS = 15 * 60_000;

/** Constant-time string equality. */
export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || !a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuthDeps {
  services: Services;
  t(key: string, vars?: Record<string, string | number>): string;
  /** Renders the login page (status, error line, form token). */
  loginPage(res: Response, status: number, csrf: string, error?: string, next?: string, username?: string): void;
  /** Renders a short refusal page. */
  refuse(res: Response, status: number, message: string): void;
  https: boolean;
}

/** Where to go after sign-in: only dashboard paths (no open redirect). */
function safeNext(v: unknown): string {
  return typeof v === 'string' && /^\/dashboard(\/[A-Za-z0-9/_.?=&%-]*)?$/.test(v) ? v : '/dashboard';
}

export class DashboardAuth {
  readonly sessions: DashboardSessionStore;
  /** Called with the session token at sign-out (ends its live streams). */
  onSignOut?: (token: string) => void;
  private readonly cookie: CookieOptions;
  private readonly sessionCookie: string;
  private readonly loginCookie: string;
  private readonly loginPath: string;

  constructor(private readonly deps: AuthDeps) {
    this.sessions = new DashboardSessionStore(deps.services.db);
    // Under https the names are `__Host-` prefixed (the browser then insists on Secure, Path=/, no Domain).
    this.cookie = { signed: true, httpOnly: true, sameSite: 'strict', secure: deps.https, path: deps.https ? '/' : '/dashboard' };
    this.sessionCookie = deps.https ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
    this.loginCookie = deps.https ? `__Host-${LOGIN_COOKIE}` : LOGIN_COOKIE;
    this.loginPath = deps.https ? '/' : '/dashboard/login';
  }

  private now(): number {
    return this.deps.services.clock.now();
  }

  private audit(actor: string, action: string, subject?: string, detail?: string): void {
    this.deps.services.audit.record(this.now(), actor, action, subject, detail);
  }

  /** GET/POST /login and POST /logout. */
  routes(r: Router): void {
    const { t } = this.deps;
    const loginToken = (req: Request, res: Response): string => {
      const existing = req.signedCookies?.[this.loginCookie];
      if (typeof existing === 'string' && existing.length >= 32) return existing;
      const token = randomBytes(32).toString('base64url');
      res.cookie(this.loginCookie, token, { ...this.cookie, path: this.loginPath, maxAge: 3600_000 });
      return token;
    };
    const throttled = (req: Request, res: Response) => {
      this.audit('dashboard', 'dashboard_login_throttled', String(req.body?.username ?? '').slice(0, 64), req.ip);
      this.deps.loginPage(res, 429, loginToken(req, res), t('dashboard.login.throttled'));
    };
    const perUser = rateLimit({
      windowMs: LOGIN_WINDOW_MS,
      limit: LOGIN_ATTEMPTS_PER_USER,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // The very normalisation the account lookup uses: padded or re-cased usernames get no fresh tries.
      keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${normalizeUsername(typeof req.body?.username === 'string' ? req.body.username : '')}`,
      handler: throttled,
    });
    const perIp = rateLimit({
      windowMs: LOGIN_WINDOW_MS,
      limit: LOGIN_ATTEMPTS_PER_IP,
      standardHeaders: false,
      legacyHeaders: false,
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
      handler: throttled,
    });

    r.get('/login', (req, res) => {
      if (this.current(req)) return void res.redirect(303, '/dashboard');
      this.deps.loginPage(res, 200, loginToken(req, res), undefined, safeNext(req.query.next));
    });

    r.post('/login', perIp, perUser, async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (!sameToken(body._csrf, req.signedCookies?.[this.loginCookie] ?? '')) {
        this.audit('dashboard', 'dashboard_csrf_refused', 'POST /dashboard/login');
        return void this.deps.refuse(res, 403, t('dashboard.csrfRefused'));
      }
      const username = typeof body.username === 'string' ? normalizeUsername(body.username) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
      const officer = username && password ? await checkCredentials(this.deps.services.db, username, password) : null;
      if (!officer) {
        this.audit('dashboard', 'dashboard_login_failed', username, req.ip);
        return void this.deps.loginPage(res, 401, loginToken(req, res), t('dashboard.login.failed'), safeNext(body.next), username);
      }
      // A fresh session id at every sign-in: a planted or old cookie is never promoted.
      const old = req.signedCookies?.[this.sessionCookie];
      if (typeof old === 'string') this.sessions.destroy(old);
      const { token } = this.sessions.create(officer.id, this.now());
      res.clearCookie(this.loginCookie, { ...this.cookie, path: this.loginPath });
      res.cookie(this.sessionCookie, token, { ...this.cookie, maxAge: SESSION_MAX_MS });
      this.audit(`officer:${officer.id}`, 'dashboard_login', officer.username, req.ip);
      res.redirect(303, safeNext(body.next));
    });

    r.post('/logout', this.requireOfficer, this.checkCsrf, (req, res) => {
      const token = req.signedCookies?.[this.sessionCookie];
      if (typeof token === 'string') {
        this.sessions.destroy(token);
        this.onSignOut?.(token);
      }
      res.clearCookie(this.sessionCookie, this.cookie);
      this.audit(`officer:${(res.locals.officer as Officer).id}`, 'dashboard_logout');
      res.redirect(303, '/dashboard/login');
    });
  }

  /** The session token in the request's cookie (to tie a live stream to its session). */
  sessionToken(req: Request): string | undefined {
    const token = req.signedCookies?.[this.sessionCookie];
    return typeof token === 'string' ? token : undefined;
  }

  /** The session and officer behind the request's cookie, if live. */
  current(req: Request): { session: DashboardSession; officer: Officer } | undefined {
    const token = req.signedCookies?.[this.sessionCookie];
    if (typeof token !== 'string') return undefined;
    const session = this.sessions.find(token, this.now());
    const officer = session && getOfficer(this.deps.services.db, session.officerId);
    return session && officer ? { session, officer } : undefined;
  }

  /** Middleware: a signed-in officer, or the login page (GET) / 401 (anything else). */
  readonly requireOfficer = (req: Request, res: Response, next: NextFunction): void => {
    const cur = this.current(req);
    if (!cur) {
      if (req.method === 'GET' || req.method === 'HEAD') return void res.redirect(303, `/dashboard/login?next=${encodeURIComponent(req.originalUrl)}`);
      return void this.deps.refuse(res, 401, this.deps.t('dashboard.login.expired'));
    }
    res.locals.officer = cur.officer;
    res.locals.session = cur.session;
    next();
  };

  /** Middleware: state-changing requests must carry the session's CSRF token (form field, multipart field or header; never the URL). */
  readonly checkCsrf = (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const session = res.locals.session as DashboardSession;
    const boundary = Buffer.isBuffer(req.body) ? boundaryOf(req.get('content-type')) : null;
    const fromBody = boundary ? fieldIn(req.body as Buffer, boundary, '_csrf') : req.body?._csrf;
    const presented = fromBody ?? req.get('x-csrf-token');
    if (!sameToken(presented, session.csrfToken)) {
      this.audit(`officer:${(res.locals.officer as Officer).id}`, 'dashboard_csrf_refused', `${req.method} ${req.originalUrl.split('?')[0]}`);
      return void this.deps.refuse(res, 403, this.deps.t('dashboard.csrfRefused'));
    }
    next();
  };
}

/** The hidden form field carrying a CSRF token. */
export function csrfInput(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}
