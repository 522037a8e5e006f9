/**
 * Bearer-token protection for /api (DESIGN §5). Off (404) when ADMIN_API_TOKEN is empty. Wrong
 * tokens are limited per client address: past API_FAILURES_PER_ADDRESS in API_FAILURE_WINDOW_S,
 * every request from that address is refused (429) until the window passes, a right token
 * included (otherwise the limit would not slow a guesser down; express-rate-limit counts only the
 * 401s). Refusals are audited, identical
 * ones collapsed into one row with a count.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AuditLog } from '../store/audit.js';
import type { Clock } from '../core/clock.js';
import { addressTag } from '../logger.js';

/** Wrong or missing tokens one address may present per window before it is refused outright. */
export const API_FAILURES_PER_ADDRESS = 50;
export const API_FAILURE_WINDOW_S = 15 * 60;

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time comparison of a presented token with the configured one. */
export function tokenMatches(presented: string, expected: string): boolean {
  return expected.length > 0 && timingSafeEqual(digest(presented), digest(expected));
}

import type { ApiCaller } from '../features/kit/apiCaller.js';

/**
 * Middleware: 404 when the API is off, 429 for an address past its failures, 401 (audited)
 * without a right bearer token. `lookup` resolves officer tokens; the admin token is `admin`.
 */
export function requireApiToken(token: string, audit: AuditLog, clock: Clock, lookup: (presented: string) => ApiCaller | null = () => null): RequestHandler[] {
  // Counts only refused tokens (401) per address; past the limit every request from there is 429.
  const failures = rateLimit({
    windowMs: API_FAILURE_WINDOW_S * 1000,
    limit: API_FAILURES_PER_ADDRESS,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    skip: () => !token,
    handler: (req, res) => {
      audit.recordCollapsed(clock.now(), 'api', 'api_throttled', addressTag(ipKeyGenerator(req.ip ?? '')), `${API_FAILURES_PER_ADDRESS} wrong tokens`);
      res.status(429).json({ error: 'too many wrong tokens from this address; wait' });
    },
  });
  const check = (req: Request, res: Response, next: NextFunction) => {
    if (!token) {
      res.status(404).json({ error: 'the officer API is off: set ADMIN_API_TOKEN to enable it' });
      return;
    }
    const header = req.get('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const caller: ApiCaller | null = tokenMatches(presented, token) ? { actor: 'api', role: 'admin' } : presented ? lookup(presented) : null;
    if (!caller) {
      audit.recordCollapsed(clock.now(), 'api', 'api_refused', `${req.method} ${req.baseUrl}${req.path}`, presented ? 'wrong token' : 'no token');
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'missing or wrong bearer token' });
      return;
    }
    res.locals.apiCaller = caller;
    next();
  };
  return [failures, check];
}
