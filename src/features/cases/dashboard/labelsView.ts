/** Labels on the case page (remove buttons, add or create by name) and on inbox rows. */
import type { Label } from '../../../domain/cases/labels.js';
import { MAX_LABEL_CHARS } from '../../../domain/cases/labels.js';
import { type Html, html } from '../../kit/html.js';
import type { DashboardKit } from '../../kit/dashboard/page.js';

/** Label chips (inbox rows and the case head). */
export function labelChips(labels: Label[]): Html | string {
  if (!labels.length) return '';
  return html`<span class="labels">${labels.map((l) => html`<span class="label-chip" data-label="${l.name}">${l.name}</span>`)}</span>`;
}

/** The case page's labels card: each label with a remove button, and a field to add one (existing or new). */
export function labelsCard(kit: DashboardKit, on: Label[], all: Label[], csrf: Html, base: string): Html {
  const t = kit.t;
  const onIds = new Set(on.map((l) => l.id));
  return html`<section class="card labels-card" aria-labelledby="labels-title">
    <h2 id="labels-title">${t('inbox.labels.title')}</h2>
    ${
      on.length
        ? html`<ul class="label-list">${on.map(
            (l) => html`<li><form method="post" action="${base}/labels/${l.id}/remove" class="inline-form">${csrf}<span class="label-chip">${l.name}</span>
              <button type="submit" class="secondary small" aria-label="${t('inbox.labels.remove', { name: l.name })}">×</button></form></li>`,
          )}</ul>`
        : html`<p class="muted">${t('inbox.labels.none')}</p>`
    }
    <form method="post" action="${base}/labels" class="label-add">${csrf}
      <label>${t('inbox.labels.name')}<input name="label" list="label-names" required maxlength="${MAX_LABEL_CHARS}" autocomplete="off"></label>
      <datalist id="label-names">${all.filter((l) => !onIds.has(l.id)).map((l) => html`<option value="${l.name}"></option>`)}</datalist>
      <button type="submit">${t('inbox.labels.addSubmit')}</button>
    </form>
  </section>`;
}
