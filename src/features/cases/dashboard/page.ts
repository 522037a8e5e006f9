/**
 * Cases: the inbox (filters, counts, search), the CSV export, and one case with its history,
 * evidence and the officer's actions. Every action goes through the domain's caseOps, so the
 * reporter is told and the case history written exactly as through the chat commands and the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { isStatus } from '../../../domain/cases/categories.js';
import { REFERRAL_TARGETS, type ReferralTarget, addNote, assignCaseToAccount, changeStatus, referCase, replyToReporter } from '../../../domain/cases/ops.js';
import { normalizeRef } from '../../../domain/cases/ref.js';
import { type Case, MAX_CASE_TEXT, caseByRef } from '../../../domain/cases/cases.js';
import { attachmentsOf, storedAttachment, supportedMime } from '../../../domain/cases/evidence.js';
import { html } from '../../kit/html.js';
import { caseView } from './caseView.js';
import { toCsv } from '../../kit/dashboard/csv.js';
import { inboxView } from './inboxView.js';
import { categoryLabel, countryName, referralLabel } from '../../kit/dashboard/labels.js';
import { EXPORT_LIMIT, assigneeOf, findCases, parseFilter } from '../../../domain/cases/inbox.js';
import type { DashboardKit, DashboardPage } from '../../kit/dashboard/page.js';
import { dashboardActor } from '../../../domain/officers/actors.js';
import { getOfficer } from '../../../domain/officers/accounts.js';
import { takeOnReply, unassignCase } from '../../../domain/cases/assignment.js';
import { NOBODY } from './assignForm.js';
import { expandShortcut } from '../../../domain/officers/savedReplies.js';
import { teamReferralRoute } from './teamForm.js';
import { slaTargets } from '../../../domain/cases/serviceLevels.js';
import { caseThread } from '../../../domain/cases/threadDelivery.js';
import { mountLabelRoutes } from './labelRoutes.js';

/** Evidence shown in the browser (previews); anything else is downloaded. */
const INLINE_MIME = /^(image\/(jpeg|png|webp|gif)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

const actorOf = (kit: DashboardKit, res: Response) => dashboardActor(kit.officer(res).id);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim().slice(0, MAX_CASE_TEXT) : '');

function load(kit: DashboardKit, req: Request, res: Response): Case | undefined {
  const ref = normalizeRef(String(req.params.ref ?? ''));
  const c = ref ? caseByRef(kit.services.db, ref) : undefined;
  if (!c) kit.render(res, { status: 404, title: kit.t('dashboard.notFoundTitle'), body: html`<p class="notice">${kit.t('dashboard.cases.notFound', { ref: String(req.params.ref ?? '') })}</p>` });
  return c;
}

const back = (res: Response, c: Case, done: string) => res.redirect(303, `/dashboard/cases/${c.ref}?done=${done}`);

export const casesPage: DashboardPage = {
  path: '/cases',
  titleKey: 'dashboard.nav.cases',
  nav: 20,
  mount(r, kit) {
    const { db, clock, config } = kit.services;
    // Labels: create from the inbox, add and remove on a case (before the /:ref routes).
    mountLabelRoutes(r, kit, (req, res) => load(kit, req, res));

    r.get('/', (req, res) => {
      const f = parseFilter(req.query as Record<string, unknown>, { now: clock.now(), targets: slaTargets(config) }, { now: clock.now(), zone: config.HOME_TIMEZONE });
      const me = kit.officer(res);
      const { rows, total } = findCases(db, f, me);
      kit.audit(res, 'cases_listed', undefined, String(rows.length));
      kit.render(res, { title: kit.t('dashboard.nav.cases'), body: inboxView(kit, db, me, f, rows, total, kit.csrfField(res)) });
    });

    r.get('/export.csv', (req, res) => {
      // Exports of personal data are an admin's.
      if (kit.officer(res).role !== 'admin') {
        kit.audit(res, 'role_refused', 'GET /dashboard/cases/export.csv', 'data.export');
        return void kit.render(res, { status: 403, title: kit.t('dashboard.nav.cases'), body: html`<p class="error" role="alert">${kit.t('dashboard.cases.exportAdminOnly')}</p>` });
      }
      const f = parseFilter(req.query as Record<string, unknown>, { now: clock.now(), targets: slaTargets(config) }, { now: clock.now(), zone: config.HOME_TIMEZONE });
      const { rows, total } = findCases(db, f, kit.officer(res), EXPORT_LIMIT);
      const t = kit.t;
      const iso = (ms: number | null) => (ms === null ? '' : DateTime.fromMillis(ms, { zone: config.HOME_TIMEZONE }).toFormat('yyyy-LL-dd HH:mm'));
      const csv = toCsv(
        ['reference', 'kind', 'category', 'category_label', 'country', 'country_label', 'status', 'urgent', 'reported_by', 'created', 'updated', 'first_action', 'assigned_to', 'team', 'home_district', 'first_response', 'resolved'],
        rows.map((c) => [
          c.ref,
          c.kind,
          c.category,
          categoryLabel(t, c.kind, c.category),
          c.country ?? '',
          countryName(c.country, c.countryText, kit.lang),
          c.status,
          c.urgent,
          c.anonymous ? 'anonymous' : c.onBehalf,
          iso(c.createdAt),
          iso(c.updatedAt),
          iso(c.firstActionAt),
          c.assignee ?? '',
          c.team ?? '',
          c.homeDistrict ?? '',
          iso(c.firstResponseAt),
          iso(c.resolvedAt),
        ]),
      );
      const stamp = DateTime.fromMillis(clock.now(), { zone: config.HOME_TIMEZONE }).toFormat('yyyyLLdd-HHmm');
      kit.audit(res, 'cases_exported', new URLSearchParams(req.query as Record<string, string>).toString() || 'open', `${rows.length} of ${total} rows`);
      res
        .status(200)
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="cases-${stamp}.csv"`)
        .set('Cache-Control', 'no-store')
        .send(csv);
    });

    r.get('/:ref', (req, res) => {
      const c = load(kit, req, res);
      if (!c) return;
      const done = typeof req.query.done === 'string' ? req.query.done : null;
      kit.audit(res, 'case_viewed', c.ref);
      kit.render(res, {
        title: kit.t('dashboard.cases.caseTitle', { ref: c.ref }),
        body: caseView(kit, db, res, kit.officer(res), c, caseThread(db, c.id, clock.now()), attachmentsOf(db, c.id), assigneeOf(db, c.id), done),
      });
    });

    r.get('/:ref/files/:id', (req, res) => {
      const c = load(kit, req, res);
      if (!c) return;
      const row = storedAttachment(db, c.id, Number(req.params.id));
      const dataDir = path.resolve(config.DATA_DIR);
      const abs = row ? path.resolve(dataDir, row.path) : '';
      if (!row || !abs.startsWith(dataDir + path.sep) || !fs.statSync(abs, { throwIfNoEntry: false })?.isFile()) {
        return void kit.render(res, { status: 404, title: kit.t('dashboard.notFoundTitle'), body: html`<p class="notice">${kit.t('dashboard.cases.fileGone')}</p>` });
      }
      const mime = row.mime && supportedMime(row.mime) ? row.mime.split(';')[0].trim().toLowerCase() : 'application/octet-stream';
      const inline = INLINE_MIME.test(mime) && req.query.download !== '1';
      const name = `${c.ref}-${row.id}${path.extname(abs).replace(/[^.\w]/g, '')}`;
      kit.audit(res, 'evidence_viewed', c.ref, `attachment:${row.id}${inline ? '' : ' (download)'}`);
      res.sendFile(abs, {
        dotfiles: 'deny',
        headers: {
          'Content-Type': mime,
          'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
          'Cache-Control': 'private, no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      });
    });

    r.post('/:ref/reply', (req, res) => {
      const c = load(kit, req, res);
      if (!c) return;
      // Just "/shortname" (no script, or typed whole): the saved reply in the reporter's language.
      const { text: body, used } = expandShortcut(db, text(req.body?.text), c, kit.officer(res).username);
      // Chosen from the "/" list (the officer may have edited it since).
      const picked = /^[a-z0-9][a-z0-9_-]{0,31}:(id|en|jv)$/.exec(text(req.body?.saved_reply))?.[0];
      if (!body) return back(res, c, 'empty');
      const sent = kit.services.notifier.transaction(({ toContact: notify }) => {
        kit.audit(res, 'case_replied', c.ref, used ? `saved:${used.shortname}:${used.language}` : picked ? `saved:${picked}` : undefined);
        // Answering a case nobody holds takes it.
        if (takeOnReply(db, c.id, kit.officer(res), actorOf(kit, res), clock.now())) kit.audit(res, 'case_assigned', c.ref, `officer:${kit.officer(res).id}`);
        return replyToReporter(db, notify, c, actorOf(kit, res), body, clock.now());
      });
      back(res, c, sent ? 'replied' : 'replyStored');
    });

    // "Send now": releases messages held for the reporter's safe time, only with the confirmation box ticked.
    r.post('/:ref/sendnow', (req, res) => {
      const c = load(kit, req, res);
      if (!c) return;
      if (req.body?.confirm !== 'yes') return back(res, c, 'notConfirmed');
      const count = c.reporterContactId === null ? 0 : kit.services.notifier.sendNow(c.reporterContactId);
      kit.audit(res, 'case_send_now', c.ref, String(count));
      back(res, c, count ? 'sentNow' : 'nothingHeld');
    });

    r.post('/:ref/status', (req, res) => {
      const c = load(kit, req, res);
      if (!c) return;
      const status = req.body?.status;
      if (!isStatus(status)) return back(res, c, 'invalid');
      const told = kit.services.notifier.transaction(({ toContact: notify }) => {
        kit.audit(res, 'case_status', c.ref, status);
        return changeStatus(db, notify, c, actorOf(kit, res), status, text(req.body?.note) || null, clock.now());
      });
      back(res, c, told ? 'status' : 'statusQuiet');
    });

    r.post('/:ref/assign', (req, res) => {
      const c = load(kit, req, res);
      if (!c) return;
      // No `officer` field: "assign to me"; an account id; or NOBODY to unassign.
      const chosen = typeof req.body?.officer === 'string' ? req.body.officer : '';
      if (chosen === NOBODY) {
        db.transaction(() => {
          kit.audit(res, 'case_unassigned', c.ref);
          unassignCase(db, c, actorOf(kit, res), clock.now());
        })();
        return back(res, c, 'unassigned');
      }
      const me = kit.officer(res);
      const to = chosen ? getOfficer(db, Number(chosen)) : me;
      if (!to) return back(res, c, 'invalid');
      kit.services.notifier.transaction(({ toContact: notify }) => {
        kit.audit(res, 'case_assigned', c.ref, `officer:${to.id}`);
        assignCaseToAccount(db, notify, c, actorOf(kit, res), to, clock.now());
      });
      back(res, c, to.id === me.id ? 'assigned' : 'assignedOther');
    });

    r.post('/:ref/refer', (req, res) => {
      const c = load(kit, req, res);
      if (!c) return;
      const target = req.body?.target as ReferralTarget;
      if (!REFERRAL_TARGETS.includes(target)) return back(res, c, 'invalid');
      const label = kit.t('dashboard.cases.referredTo', { to: referralLabel(target, kit.lang) });
      kit.services.notifier.transaction(({ toContact: notify }) => {
        kit.audit(res, 'case_referred', c.ref, target);
        referCase(db, notify, c, actorOf(kit, res), label, text(req.body?.note) || null, clock.now());
      });
      back(res, c, 'referred');
    });

    // Referral to another team: recorded, the team alerted, the reporter told.
    r.post('/:ref/team', teamReferralRoute(kit, load, back));

    r.post('/:ref/note', (req, res) => {
      const c = load(kit, req, res);
      if (!c) return;
      const body = text(req.body?.text);
      if (!body) return back(res, c, 'empty');
      db.transaction(() => {
        kit.audit(res, 'case_noted', c.ref);
        addNote(db, c, actorOf(kit, res), body, clock.now());
      })();
      back(res, c, 'noted');
    });
  },
};
