/**
 * Officer API for the agency register (DESIGN §5), mounted under /api behind the bearer token:
 * POST /api/agencies/import (text/csv body; admin only: answers a preview of what it would add,
 * change and remove until `?confirm=yes`, and needs `&replace=whole` when it would remove more
 * than AGENCY_IMPORT_MAX_REMOVED_SHARE of the register), GET /api/agencies (active list metadata),
 * GET /api/agencies/lookups (what people asked about).
 */
import express, { type Request, type Response, type Router } from 'express';
import { guardedImport } from '../../domain/agencies/importPreview.js';
import { apiCaller, refuseRole } from '../kit/apiCaller.js';
import { topLookups } from '../../domain/agencies/lookups.js';
import { currentImport } from '../../domain/agencies/register.js';
import { homeDay } from '../../core/clock.js';
import type { Services } from '../services.js';

/** Largest accepted CSV body (a 10,000-row register is about 1 MB). */
export const MAX_IMPORT_BYTES = '20mb';
/** Problems listed in one response (the count is always complete). */
export const MAX_PROBLEMS_IN_RESPONSE = 1000;
const MAX_SOURCE_CHARS = 100;

/** Adds the agency routes to the /api router. */
export function agencyApi(api: Router, services: Services): void {
  const csvBody = express.text({ type: ['text/csv', 'application/csv', 'text/plain'], limit: MAX_IMPORT_BYTES });

  api.post('/agencies/import', csvBody, (req: Request, res: Response) => {
    if (typeof req.body !== 'string') {
      res.status(415).json({ error: 'send the register as a CSV body with Content-Type: text/csv' });
      return;
    }
    const caller = apiCaller(res);
    if (caller.role !== 'admin') return refuseRole(res, services, 'agencies.import', 'POST /api/agencies/import');
    const label = typeof req.query.source === 'string' && req.query.source.trim() ? req.query.source.trim().slice(0, MAX_SOURCE_CHARS) : 'upload';
    const now = services.clock.now();
    const guarded = guardedImport(services.db, req.body, {
      source: `api: ${label}`,
      now,
      confirm: req.query.confirm === 'yes',
      replaceWhole: req.query.replace === 'whole',
      maxRemovedShare: services.config.AGENCY_IMPORT_MAX_REMOVED_SHARE,
    });
    if (guarded.kind !== 'done') {
      const p = guarded.preview;
      const whole = guarded.kind === 'needsReplaceWhole';
      res.status(whole ? 409 : 200).json({
        outcome: whole ? 'needs_replace_whole' : 'preview',
        current: p.current,
        incoming: p.incoming,
        added: p.added,
        changed: p.changed,
        removed: p.removed,
        examples: p.examples,
        rejected: p.problems.length,
        problems: p.problems.slice(0, MAX_PROBLEMS_IN_RESPONSE),
        next: whole
          ? `this removes ${p.removed} of ${p.current} agencies: repeat with ?confirm=yes&replace=whole to replace the whole register`
          : 'nothing changed yet: repeat with ?confirm=yes to apply',
      });
      return;
    }
    const report = guarded.report;
    services.audit.record(now, caller.actor, 'agencies_import', report.source, `${report.outcome}: ${report.loaded} loaded, ${report.problems.length} rejected`);
    services.log.info({ outcome: report.outcome, loaded: report.loaded, rejected: report.problems.length }, 'agency register import via API');
    res.status(report.outcome === 'rejected' ? 422 : 200).json({
      outcome: report.outcome,
      loaded: report.loaded,
      rejected: report.problems.length,
      problems: report.problems.slice(0, MAX_PROBLEMS_IN_RESPONSE),
      reason: report.reason,
      source: report.source,
      sha256: report.sha256,
      importedAt: report.importedAt ? new Date(report.importedAt).toISOString() : undefined,
      fictionalSample: report.isSample ?? false,
    });
  });

  api.get('/agencies', (_req: Request, res: Response) => {
    const info = currentImport(services.db);
    if (!info) {
      res.json({ register: null });
      return;
    }
    res.json({
      register: {
        source: info.source,
        importedAt: new Date(info.importedAt).toISOString(),
        agencies: info.rowsLoaded,
        rowsRejected: info.rowsRejected,
        sha256: info.sha256,
        fictionalSample: info.isSample,
      },
    });
  });

  api.get('/agencies/lookups', (req: Request, res: Response) => {
    const days = Math.min(366, Math.max(1, Number(req.query.days) || 30));
    const since = homeDay(services.clock.now() - days * 86_400_000, services.config.HOME_TIMEZONE);
    res.json({ since, lookups: topLookups(services.db, since, 100) });
  });
}
