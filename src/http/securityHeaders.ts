/**
 * Security headers (helmet) for the HTML pages: a CSP without inline scripts or styles, and
 * framing denied everywhere except where a page is meant to be embedded (the web chat).
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export interface PageHeaderOptions {
  /** Who may frame the page: `'none'` (default, also sends X-Frame-Options: DENY) or origins such as `*`. */
  frameAncestors?: string[];
  /** True when the site is served over https (enables upgrade-insecure-requests). */
  https?: boolean;
  /** CSP hashes (`'sha256-…'`) of inline style blocks the pages carry (critical styles inlined for slow networks). */
  styleHashes?: string[];
}

/** Helmet configured for server-rendered pages that load scripts and styles only from this origin. */
export function pageSecurityHeaders(opts: PageHeaderOptions = {}): RequestHandler {
  const ancestors = opts.frameAncestors ?? ["'none'"];
  const framable = !(ancestors.length === 1 && ancestors[0] === "'none'");
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", ...(opts.styleHashes ?? [])],
        imgSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ancestors,
        ...(opts.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    xFrameOptions: framable ? false : { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // An embedded chat is loaded by other sites' pages; the dashboard is same-origin only.
    crossOriginResourcePolicy: { policy: framable ? 'cross-origin' : 'same-origin' },
    strictTransportSecurity: opts.https ? { maxAge: 180 * 24 * 3600 } : false,
  }) as unknown as RequestHandler;
}
