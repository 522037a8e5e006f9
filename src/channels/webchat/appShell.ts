/**
 * The web chat as an installable web app, and the pieces a page fetches besides the chat itself:
 * GET /chat/texts (chrome texts for a language switch), /chat/manifest.webmanifest, /chat/sw.js
 * (the service worker, allowed to serve /chat itself) and /chat/offline.
 */
import path from 'node:path';
import type { Router } from 'express';
import { LANGUAGES, type Lang } from '../../core/types.js';
import type { Translator } from '../../i18n.js';
import { ASSETS_DIR, manifest, offlinePage, pageTexts } from './page.js';

/** A language code from a query, if it is one we speak. */
export function asLang(v: unknown): Lang | undefined {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v) ? (v as Lang) : undefined;
}

/** Adds the app-shell routes to the /chat router. */
export function mountAppShell(r: Router, opts: { translator: Translator; defaultLang: Lang; maxUploadMb: number }): void {
  const langOf = (q: unknown) => asLang(q) ?? opts.defaultLang;
  r.get('/texts', (req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').json(pageTexts(opts.translator, langOf(req.query.lang), opts.maxUploadMb));
  });
  r.get('/manifest.webmanifest', (req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').type('application/manifest+json').send(JSON.stringify(manifest(opts.translator, langOf(req.query.lang))));
  });
  r.get('/sw.js', (_req, res) => {
    // The worker lives under /chat/ but serves the page at /chat itself.
    res.set({ 'Service-Worker-Allowed': '/chat', 'Cache-Control': 'no-cache' }).sendFile(path.join(ASSETS_DIR, 'sw.js'));
  });
  r.get('/offline', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('html').send(offlinePage(opts.translator).value);
  });
}
