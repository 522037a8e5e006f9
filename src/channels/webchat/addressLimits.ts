/**
 * Limits per client address for the web chat, because a new anonymous identity costs one
 * `GET /chat`: new visitors per address an hour, and posts per address a minute on top of the
 * per-visitor limit. The address is express's `req.ip`, so TRUST_PROXY decides whether the
 * proxy's X-Forwarded-For is believed; IPv6 addresses count per /56 (express-rate-limit's
 * ipKeyGenerator). Urgent messages (emergency words, danger words, an open urgent case) are never
 * limited.
 */
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

/** The client address key: the address, or its /56 for IPv6. */
export function addressKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? '');
}

/** Limits how many new visitors (a chat page without a valid cookie) one address may open an hour. */
export function newVisitorLimit(perHour: number, isNewVisitor: (req: Request) => boolean, refuse: (req: Request, res: Response) => void): RequestHandler {
  return rateLimit({
    windowMs: 3600_000,
    limit: perHour,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => addressKey(req),
    skip: (req) => !isNewVisitor(req),
    handler: (req, res) => refuse(req, res),
  });
}

/** Limits posts per visitor (a minute) and per address (a minute); `isUrgent` posts always pass. */
export function postLimits(opts: { perVisitor: number; perAddress: number; isUrgent: (req: Request, res: Response) => boolean }): RequestHandler[] {
  const common = {
    windowMs: 60_000,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    skip: (req: Request, res: Response) => opts.isUrgent(req, res),
    handler: (_req: Request, res: Response) => void res.status(429).json({ error: 'too many messages; wait a minute' }),
  };
  return [
    rateLimit({ ...common, limit: opts.perVisitor, keyGenerator: (req, res) => res.locals.chatId ?? addressKey(req) }),
    rateLimit({ ...common, limit: opts.perAddress, keyGenerator: (req) => addressKey(req) }),
  ];
}
