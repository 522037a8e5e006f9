/**
 * The one error handler of every HTTP route: a short JSON message chosen by status, never a stack,
 * never an echo of the request (a JSON parse error quotes the body it choked on, and bodies hold
 * names, phone numbers and PINs). The log gets the method, path and status; for a body that
 * could not be read only its error type, never its content.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';

/** What the client is told, per status. */
export const ERROR_MESSAGES: Record<number, string> = {
  400: 'malformed request',
  401: 'not signed in',
  403: 'forbidden',
  404: 'not found',
  405: 'method not allowed',
  408: 'request timeout',
  413: 'request body too large',
  415: 'unsupported content type',
  429: 'too many requests',
  503: 'temporarily unavailable; try again shortly',
};
const INTERNAL = 'internal error';

/** The HTTP status an error carries (body-parser, http-errors), else 500. */
export function statusOf(err: unknown): number {
  const e = err as { status?: unknown; statusCode?: unknown } | null;
  const s = Number(e?.status ?? e?.statusCode);
  return Number.isInteger(s) && s >= 400 && s <= 599 ? s : 500;
}

/** JSON 404 for anything no route answered. */
export function jsonNotFound(): RequestHandler {
  return (_req, res) => void res.status(404).json({ error: ERROR_MESSAGES[404] });
}

/** The final error handler (mount last). */
export function jsonErrorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    const status = statusOf(err);
    // req.path has no query string: a query may hold personal data too.
    const where = { method: req.method, path: req.baseUrl + req.path, status };
    const bodyError = (err as { type?: unknown } | null)?.type;
    if (status >= 500) {
      const e = err instanceof Error ? err : new Error(String(err));
      // Our own failures: the stack is for the operator's log, never the client.
      log.error({ ...where, name: e.name, ...(typeof bodyError === 'string' ? { bodyError } : { error: e.message, stack: e.stack }) }, 'request failed');
    } else {
      log.warn({ ...where, ...(typeof bodyError === 'string' ? { bodyError } : {}) }, 'request refused');
    }
    if (res.headersSent) return next(err);
    res.status(status).json({ error: ERROR_MESSAGES[status] ?? (status >= 500 ? INTERNAL : 'request refused') });
  };
}
