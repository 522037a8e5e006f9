/** Bearer-token protection for /api (DESIGN §5). Off (404) when ADMIN_API_TOKEN is empty. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AuditLog } from '../store/audit.js';
import type { Clock } from '../core/clock.js';

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time comparison of a presented token with the configured one. */
export function tokenMatches(presented: string, expected: string): boolean {
  return expected.length > 0 && timingSafeEqual(digest(presented), digest(expected));
}

/** Middleware: 404 when the API is off, 401 (audited) without the right bearer token. */
export function requireApiToken(token: string, audit: AuditLog, clock: Clock) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!token) {
      res.status(404).json({ error: 'the officer API is off: set ADMIN_API_TOKEN to enable it' });
      return;
    }
    const header = req.get('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!tokenMatches(presented, token)) {
      audit.record(clock.now(), 'api', 'api_refused', `${req.method} ${req.baseUrl}${req.path}`, presented ? 'wrong token' : 'no token');
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'missing or wrong bearer token' });
      return;
    }
    next();
  };
}
