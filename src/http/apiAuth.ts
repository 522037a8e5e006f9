/**
 * Bearer-token protection for /api (DESIGN §5). Off (404) when ADMIN_API_TOKEN is empty. Wrong
 * tokens are limited per client address: past API_FAILURES_PER_ADDRESS in API_FAILURE_WINDOW_S,
 * every request from that address is refused (429) until the window passes, a right token
 * included (otherwise the limit would not slow a guesser down). Refusals are audited, identical
 * ones collapsed into one row with a count.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { RateLimiterMemory } from 'rate-limiter-flexible';
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
export function requireApiToken(token: string, audit: AuditLog, clock: Clock, lookup: (presented: string) => ApiCaller | null = () => null) {
  const failures = new RateLimiterMemory({ points: API_FAILURES_PER_ADDRESS, duration: API_FAILURE_WINDOW_S });
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!token) {
      res.status(404).json({ error: 'the officer API is off: set ADMIN_API_TOKEN to enable it' });
      return;
    }
    const address = ipKeyGenerator(req.ip ?? '');
    const where = `${req.method} ${req.baseUrl}${req.path}`;
    const seen = await failures.get(address);
    if (seen && seen.consumedPoints >= API_FAILURES_PER_ADDRESS) {
      audit.recordCollapsed(clock.now(), 'api', 'api_throttled', addressTag(address), `${API_FAILURES_PER_ADDRESS} wrong tokens`);
      res.status(429).set('Retry-After', String(Math.ceil(seen.msBeforeNext / 1000))).json({ error: 'too many wrong tokens from this address; wait' });
      return;
    }
    const header = req.get('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const caller: ApiCaller | null = tokenMatches(presented, token) ? { actor: 'api', role: 'admin' } : presented ? lookup(presented) : null;
    if (!caller) {
      await failures.consume(address).catch(() => undefined);
      audit.recordCollapsed(clock.now(), 'api', 'api_refused', where, presented ? 'wrong token' : 'no token');
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'missing or wrong bearer token' });
      return;
    }
    res.locals.apiCaller = caller;
    next();
  };
}
