/** The status form of an application (education help, economic support): its own statuses in plain words. */
import { APPLICATION_STATUSES, applicationStatusOf } from '../../../domain/assistance/applications.js';
import { type Case, MAX_CASE_TEXT } from '../../../domain/cases/cases.js';
import type { DB } from '../../../store/db.js';
import { type Html, html } from '../../kit/html.js';
import type { DashboardKit } from '../../kit/dashboard/page.js';

/** Where the form posts (the Programme applications page handles it, through the same case operations). */
export const applicationStatusAction = (ref: string): string => `/dashboard/programmes/applications/${ref}/status`;

/** The application's status form; the current status is preselected. */
export function applicationForm(kit: DashboardKit, db: DB, c: Case, csrf: Html): Html {
  const t = kit.t;
  const current = applicationStatusOf(db, c);
  return html`<form method="post" action="${applicationStatusAction(c.ref)}" class="card application-status">${csrf}
    <h2>${t('dashboard.cases.applicationTitle')}</h2>
    <p class="hint">${t('dashboard.cases.applicationHint')}</p>
    <label>${t('dashboard.cases.newStatus')}<select name="status">${APPLICATION_STATUSES.map(
      (s) => html`<option value="${s}"${s === current ? html` selected` : ''}>${t(`applications.status.${s}`)}</option>`,
    )}</select></label>
    <label>${t('dashboard.cases.noteToReporter')}<textarea name="note" rows="2" maxlength="${MAX_CASE_TEXT}"></textarea></label>
    <button type="submit">${t('dashboard.cases.applicationSave')}</button>
  </form>`;
}
