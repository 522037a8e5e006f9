/** The inbox form's label and age fields, and the small "new label" form beside it. */
import type { InboxFilter } from '../../../domain/cases/inbox.js';
import { MAX_AGE_DAYS } from '../../../domain/cases/inboxAge.js';
import { type Label, MAX_LABEL_CHARS } from '../../../domain/cases/labels.js';
import { type Html, html } from '../../kit/html.js';
import type { DashboardKit } from '../../kit/dashboard/page.js';

const selected = (on: boolean) => (on ? html` selected` : '');

/** Label, "older than N days" and "received from / until" fields of the filter form. */
export function labelAgeFields(kit: DashboardKit, f: InboxFilter, labels: Label[]): Html {
  const t = kit.t;
  return html`<label>${t('inbox.labels.filter')}<select name="label">
    <option value="">${t('dashboard.cases.any')}</option>
    ${labels.map((l) => html`<option value="${l.id}"${selected(f.label === l.id)}>${l.name}</option>`)}
  </select></label>
  <label>${t('inbox.filter.older')}<input type="number" name="older" min="1" max="${MAX_AGE_DAYS}" inputmode="numeric" value="${f.age?.older ?? ''}"></label>
  <label>${t('inbox.filter.from')}<input type="date" name="from" value="${f.age?.from ?? ''}"></label>
  <label>${t('inbox.filter.to')}<input type="date" name="to" value="${f.age?.to ?? ''}"></label>`;
}

/** Creates a label (then shows the inbox filtered by it). */
export function newLabelForm(kit: DashboardKit, csrf: Html): Html {
  const t = kit.t;
  return html`<form method="post" action="/dashboard/cases/labels" class="inline-form new-label">${csrf}
    <label>${t('inbox.labels.create')}<input name="label" required maxlength="${MAX_LABEL_CHARS}" autocomplete="off"></label>
    <button type="submit" class="secondary">${t('inbox.labels.createSubmit')}</button></form>`;
}
