/** Officer HTTP API for cases (DESIGN §5), mounted under /api behind the bearer token. */
import { apiCaller } from '../kit/apiCaller.js';
import type { Request, Response, Router as ExpressRouter } from 'express';
import { z } from 'zod';
import { linkedAgency } from '../../domain/cases/agency.js';
import { STATUSES } from '../../domain/cases/categories.js';
import { changeStatus, replyToReporter } from '../../domain/cases/ops.js';
import { normalizeRef } from '../../domain/cases/ref.js';
import { type Case, MAX_CASE_TEXT, caseByRef, caseEvents, listCases } from '../../domain/cases/cases.js';
import { attachmentsOf } from '../../domain/cases/evidence.js';
import { APPLICATION_STATUSES, CASE_STATUS_OF, applicationStatusOf, changeApplicationStatus, isApplication, isApplicationStatus } from '../../domain/assistance/applications.js';
import type { Services } from '../services.js';

/** Cases returned by one list call at most. */
export const API_MAX_CASES = 200;

const listQuery = z.object({
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(API_MAX_CASES).default(50),
});
const replyBody = z.object({ text: z.string().trim().min(1).max(MAX_CASE_TEXT) });
// An application (education help, economic support) also takes its own statuses.
const statusBody = z.object({ status: z.enum([...STATUSES, ...APPLICATION_STATUSES]), note: z.string().trim().max(MAX_CASE_TEXT).optional() });

/** The case as the API shows it: no PIN hash, no chat id; the linked register entry with its status today. */
function caseJson(services: Services, c: Case) {
  const { reporterContactId, assigneeContactId, agencyId: _id, agencyLicense: _license, ...rest } = c;
  const link = linkedAgency(services.db, c, services.clock.now(), services.config.HOME_TIMEZONE);
  const agency = link && { name: link.agency?.name ?? null, license: link.license, status: link.status ?? 'not_listed' };
  const application = isApplication(c) ? { applicationStatus: applicationStatusOf(services.db, c) } : {};
  return { ...rest, agency, reporterReachable: reporterContactId !== null && c.contactPref !== 'none', assignedOfficer: assigneeContactId, ...application };
}

function badRequest(res: Response, error: z.ZodError): void {
  res.status(400).json({ error: 'invalid request', issues: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
}

/** Adds the /api/cases routes. */
export function casesApi(api: ExpressRouter, services: Services): void {
  const { db, clock } = services;
  const audit = (res: Response, action: string, subject?: string, detail?: string) => services.audit.record(clock.now(), apiCaller(res).actor, action, subject, detail);
  const load = (req: Request, res: Response): Case | undefined => {
    const ref = normalizeRef(String(req.params.ref));
    const c = ref ? caseByRef(db, ref) : undefined;
    if (!c) res.status(404).json({ error: `no case with reference ${String(req.params.ref)}` });
    return c;
  };

  api.get('/cases', (req, res) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) return badRequest(res, q.error);
    const cases = listCases(db, q.data);
    audit(res, 'cases_listed', undefined, String(cases.length));
    res.json({ cases: cases.map((c) => caseJson(services, c)) });
  });

  api.get('/cases/:ref', (req, res) => {
    const c = load(req, res);
    if (!c) return;
    audit(res, 'case_viewed', c.ref);
    res.json({ case: caseJson(services, c), events: caseEvents(db, c.id), attachments: attachmentsOf(db, c.id) });
  });

  api.post('/cases/:ref/replies', (req, res) => {
    const body = replyBody.safeParse(req.body ?? {});
    if (!body.success) return badRequest(res, body.error);
    const c = load(req, res);
    if (!c) return;
    const delivered = services.notifier.transaction(({ toContact: notify }) => {
      audit(res, 'case_replied', c.ref);
      return replyToReporter(db, notify, c, apiCaller(res).actor, body.data.text, clock.now());
    });
    res.status(201).json({ ref: c.ref, delivered });
  });

  api.post('/cases/:ref/status', (req, res) => {
    const body = statusBody.safeParse(req.body ?? {});
    if (!body.success) return badRequest(res, body.error);
    const c = load(req, res);
    if (!c) return;
    const wanted = body.data.status;
    if (isApplicationStatus(wanted)) {
      if (!isApplication(c)) return void res.status(400).json({ error: 'invalid request', issues: [`status: ${wanted} is only for applications to a programme`] });
      const label = services.translator.t(services.config.DEFAULT_LANGUAGE, 'applications.officerNote', { status: { t: `applications.status.${wanted}` } });
      const notified = services.notifier.transaction(({ toContact: notify }) => {
        audit(res, 'case_status', c.ref, `application:${wanted}`);
        return changeApplicationStatus(db, notify, c, apiCaller(res).actor, wanted, body.data.note || null, label, clock.now());
      });
      return void res.json({ ref: c.ref, status: CASE_STATUS_OF[wanted], applicationStatus: wanted, notified });
    }
    const notified = services.notifier.transaction(({ toContact: notify }) => {
      audit(res, 'case_status', c.ref, body.data.status);
      return changeStatus(db, notify, c, apiCaller(res).actor, wanted, body.data.note || null, clock.now());
    });
    res.json({ ref: c.ref, status: wanted, notified });
  });
}
