/**
 * Agency register: the active list (source, last update, fictional sample or not), upload of a
 * new CSV (file or pasted text) through the same importer as the script and the API, its report
 * (rows loaded, bad rows with line numbers), and names people looked up that matched nothing.
 */
import express, { type Request, type Response } from 'express';
import type { ImportReport } from '../../domain/agencies/importer.js';
import { type ImportPreview, guardedImport } from '../../domain/agencies/importPreview.js';
import { deleteImportDraft, findImportDraft, saveImportDraft } from '../../domain/agencies/importDrafts.js';
import { topLookups } from '../../domain/agencies/lookups.js';
import { currentImport } from '../../domain/agencies/register.js';
import { homeDay } from '../../core/clock.js';
import { type Html, html } from '../kit/html.js';
import { boundaryOf, filesIn } from '../kit/dashboard/multipart.js';
import type { DashboardKit, DashboardPage } from '../kit/dashboard/page.js';

/** Largest uploaded register file (the API accepts the same). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Days of lookups shown. */
export const LOOKUP_DAYS = 30;
const LOOKUPS_SHOWN = 50;
/** Bad rows listed on the report page (the count is complete). */
const PROBLEMS_SHOWN = 500;
const MAX_LABEL = 100;

function registerCard(kit: DashboardKit): Html {
  const t = kit.t;
  const info = currentImport(kit.services.db);
  if (!info) return html`<section class="card"><h2>${t('dashboard.agencies.current')}</h2><p class="notice">${t('dashboard.agencies.noRegister')}</p></section>`;
  return html`<section class="card register">
<h2>${t('dashboard.agencies.current')}</h2>
${info.isSample ? html`<p class="warning" role="note">${t('dashboard.agencies.sampleActive')}</p>` : ''}
<dl class="fields">
  <dt>${t('dashboard.agencies.lastUpdate')}</dt><dd>${kit.formatTime(info.importedAt)}</dd>
  <dt>${t('dashboard.agencies.source')}</dt><dd>${info.source}</dd>
  <dt>${t('dashboard.agencies.loaded')}</dt><dd>${info.rowsLoaded}</dd>
  <dt>${t('dashboard.agencies.rejected')}</dt><dd>${info.rowsRejected}</dd>
  <dt>${t('dashboard.agencies.sample')}</dt><dd>${info.isSample ? t('dashboard.yes') : t('dashboard.no')}</dd>
</dl></section>`;
}

function uploadForms(kit: DashboardKit, res: Response): Html {
  const t = kit.t;
  if (kit.officer(res).role !== 'admin') return html`<section class="card"><h2>${t('dashboard.agencies.uploadTitle')}</h2><p class="notice">${t('dashboard.agencies.adminOnly')}</p></section>`;
  return html`<section class="card">
<h2>${t('dashboard.agencies.uploadTitle')}</h2>
<p class="hint">${t('dashboard.agencies.uploadHint')}</p>
<form method="post" action="/dashboard/agencies/import" enctype="multipart/form-data" class="upload">${kit.csrfField(res)}
  <label>${t('dashboard.agencies.file')}<input type="file" name="file" accept=".csv,text/csv" required></label>
  <button type="submit">${t('dashboard.agencies.upload')}</button>
</form>
<details><summary>${t('dashboard.agencies.pasteTitle')}</summary>
<form method="post" action="/dashboard/agencies/import">${kit.csrfField(res)}
  <label>${t('dashboard.agencies.paste')}<textarea name="csv" rows="8" required></textarea></label>
  <button type="submit">${t('dashboard.agencies.upload')}</button>
</form></details>
</section>`;
}

function lookupsCard(kit: DashboardKit): Html {
  const t = kit.t;
  const { db, clock, config } = kit.services;
  const since = homeDay(clock.now() - LOOKUP_DAYS * 86_400_000, config.HOME_TIMEZONE);
  const rows = topLookups(db, since, 2000)
    .filter((l) => l.result === 'not_found')
    .slice(0, LOOKUPS_SHOWN);
  return html`<section class="card">
<h2>${t('dashboard.agencies.notFoundTitle', { days: LOOKUP_DAYS })}</h2>
<p class="hint">${t('dashboard.agencies.notFoundHint')}</p>
${
  rows.length
    ? html`<table class="table lookups"><thead><tr><th>${t('dashboard.agencies.query')}</th><th>${t('dashboard.agencies.times')}</th></tr></thead><tbody>${rows.map(
        (l) => html`<tr><td>${l.query === '[number]' ? t('dashboard.agencies.numberQuery') : l.query}</td><td>${l.count}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">${t('dashboard.agencies.noNotFound')}</p>`
}</section>`;
}

/** What an upload would do, with the form that applies it (and the "replace the whole register" box when needed). */
function previewView(kit: DashboardKit, res: Response, draftId: number, p: ImportPreview, needsWhole: boolean): Html {
  const t = kit.t;
  const max = kit.services.config.AGENCY_IMPORT_MAX_REMOVED_SHARE;
  const big = p.removedShare > max;
  const list = (title: string, names: string[]) => (names.length ? html`<h3>${title}</h3><ul>${names.map((n) => html`<li>${n}</li>`)}</ul>` : '');
  return html`<section class="card preview" id="preview">
<h2>${t('dashboard.agencies.previewTitle')}</h2>
<p role="status" class="counts">${t('dashboard.agencies.previewCounts', { current: p.current, incoming: p.incoming, added: p.added, changed: p.changed, removed: p.removed })}</p>
${needsWhole ? html`<p class="error" role="alert">${t('dashboard.agencies.replaceWholeNeeded', { share: Math.round(max * 100) })}</p>` : ''}
${list(t('dashboard.agencies.previewAdded'), p.examples.added)}${list(t('dashboard.agencies.previewChanged'), p.examples.changed)}${list(t('dashboard.agencies.previewRemoved'), p.examples.removed)}
<form method="post" action="/dashboard/agencies/import/confirm">${kit.csrfField(res)}<input type="hidden" name="draft" value="${draftId}">
${big ? html`<label class="check"><input type="checkbox" name="replace_whole" value="yes"> ${t('dashboard.agencies.replaceWhole', { removed: p.removed, current: p.current })}</label>` : ''}
<button type="submit">${t('dashboard.agencies.apply')}</button>
</form></section>`;
}

function reportView(kit: DashboardKit, r: ImportReport): Html {
  const t = kit.t;
  const shown = r.problems.slice(0, PROBLEMS_SHOWN);
  return html`<section class="card report" id="report">
<h2>${t('dashboard.agencies.reportTitle')}</h2>
<p class="${r.outcome === 'rejected' ? 'error' : 'flash'}" role="status">${t(`dashboard.agencies.outcome.${r.outcome}`, { loaded: r.loaded, rejected: r.problems.length })}</p>
${r.reason ? html`<p>${t('dashboard.agencies.reason')}: ${r.reason}</p>` : ''}
${r.isSample ? html`<p class="warning">${t('dashboard.agencies.sampleActive')}</p>` : ''}
<dl class="fields"><dt>${t('dashboard.agencies.loaded')}</dt><dd class="loaded">${r.loaded}</dd><dt>${t('dashboard.agencies.rejected')}</dt><dd class="rejected">${r.problems.length}</dd></dl>
${
  shown.length
    ? html`<table class="table problems"><thead><tr><th>${t('dashboard.agencies.line')}</th><th>${t('dashboard.agencies.problem')}</th></tr></thead><tbody>${shown.map(
        (p) => html`<tr><td>${p.line || t('dashboard.agencies.wholeFile')}</td><td>${p.reason}</td></tr>`,
      )}</tbody></table>${r.problems.length > shown.length ? html`<p class="muted">${t('dashboard.agencies.moreProblems', { n: r.problems.length - shown.length })}</p>` : ''}`
    : ''
}</section>`;
}

export const agenciesPage: DashboardPage = {
  path: '/agencies',
  titleKey: 'dashboard.nav.agencies',
  nav: 50,
  mount(r, kit) {
    const title = () => kit.t('dashboard.nav.agencies');
    const pageBody = (res: Response, report?: ImportReport) =>
      html`${report ? reportView(kit, report) : ''}<div class="two-col">${registerCard(kit)}${uploadForms(kit, res)}</div>${lookupsCard(kit)}`;

    r.get('/', (_req, res) => kit.render(res, { title: title(), body: pageBody(res) }));

    // Importing or replacing the register is an admin's (the page itself stays open to officers).
    const adminOnly = (req: Request, res: Response, next: () => void) => {
      if (kit.officer(res).role === 'admin') return next();
      kit.audit(res, 'role_refused', `${req.method} /dashboard/agencies${req.path}`, 'agencies.import');
      kit.render(res, { status: 403, title: title(), body: html`<p class="error" role="alert">${kit.t('dashboard.agencies.adminOnly')}</p>` });
    };
    const finish = (res: Response, report: ImportReport) => {
      kit.audit(res, 'agencies_import', report.source, `${report.outcome}: ${report.loaded} loaded, ${report.problems.length} rejected`);
      kit.services.log.info({ outcome: report.outcome, loaded: report.loaded, rejected: report.problems.length }, 'agency register import via dashboard');
      kit.render(res, { status: report.outcome === 'rejected' ? 422 : 200, title: title(), body: pageBody(res, report) });
    };

    r.post('/import/confirm', adminOnly, (req: Request, res: Response) => {
      const id = Number(req.body?.draft);
      const draft = findImportDraft(kit.services.db, kit.officer(res).id, id);
      if (!draft) return void kit.render(res, { status: 410, title: title(), body: html`<p class="error" role="alert">${kit.t('dashboard.agencies.draftGone')}</p>${pageBody(res)}` });
      const guarded = guardedImport(kit.services.db, draft.csv, {
        source: `dashboard: ${draft.label} (${kit.officer(res).username})`,
        now: kit.services.clock.now(),
        confirm: true,
        replaceWhole: req.body?.replace_whole === 'yes',
        maxRemovedShare: kit.services.config.AGENCY_IMPORT_MAX_REMOVED_SHARE,
      });
      if (guarded.kind !== 'done') return void kit.render(res, { status: 409, title: title(), body: previewView(kit, res, draft.id, guarded.preview, true) });
      deleteImportDraft(kit.services.db, draft.id);
      finish(res, guarded.report);
    });

    const raw = express.raw({ type: 'multipart/form-data', limit: MAX_UPLOAD_BYTES });
    r.post('/import', adminOnly, raw, (req: Request, res: Response) => {
      let csv: string | undefined;
      let label = kit.t('dashboard.agencies.pastedLabel');
      const boundary = boundaryOf(req.get('content-type'));
      if (boundary && Buffer.isBuffer(req.body)) {
        const file = filesIn(req.body, boundary).find((f) => f.field === 'file');
        if (file && file.content.length) {
          csv = file.content.toString('utf8');
          label = file.fileName.replace(/[^\w. ()-]/g, '_').slice(0, MAX_LABEL) || label;
        }
      } else if (typeof req.body?.csv === 'string' && req.body.csv.trim()) {
        // Browsers send a textarea with CRLF line ends: pasted text hashes like the same file saved with LF.
        csv = req.body.csv.replace(/\r\n/g, '\n');
      }
      if (!csv) {
        return void kit.render(res, { status: 400, title: title(), body: html`<p class="error" role="alert">${kit.t('dashboard.agencies.noFile')}</p>${pageBody(res)}` });
      }
      const now = kit.services.clock.now();
      const source = `dashboard: ${label} (${kit.officer(res).username})`;
      const guarded = guardedImport(kit.services.db, csv, { source, now, confirm: false, replaceWhole: false, maxRemovedShare: kit.services.config.AGENCY_IMPORT_MAX_REMOVED_SHARE });
      // Unchanged or unusable files are reported at once; a real change waits for the admin's confirmation.
      if (guarded.kind === 'done') return finish(res, guarded.report);
      const draftId = saveImportDraft(kit.services.db, kit.officer(res).id, csv, label, now);
      kit.render(res, { title: title(), body: previewView(kit, res, draftId, guarded.preview, false) });
    });
  },
};
