/** "Who handles it": assign to me, to any officer account (on duty first), or to nobody. */
import type { Case } from '../../../domain/cases/cases.js';
import type { Officer } from '../../../domain/officers/accounts.js';
import { officerRoster } from '../../../domain/officers/workspace.js';
import { type Html, html } from '../../kit/html.js';
import type { DashboardKit } from '../../kit/dashboard/page.js';

/** Notices after assigning to someone else or to nobody (?done=...). */
export const ASSIGN_NOTICES = ['assignedOther', 'unassigned'] as const;

/** The value of the `officer` field that unassigns. */
export const NOBODY = 'none';

/** The assignment card of the case page. */
export function assignForm(kit: DashboardKit, c: Case, me: Officer, assigneeOfficerId: number | null, csrf: Html, base: string): Html {
  const t = kit.t;
  const mine = assigneeOfficerId === me.id;
  const roster = officerRoster(kit.services.db);
  return html`<section class="card assign">
  <h2>${t('dashboard.cases.assignTitle')}</h2>
  ${mine ? html`<p class="muted">${t('dashboard.cases.alreadyMine')}</p>` : html`<form method="post" action="${base}/assign" class="inline">${csrf}<button type="submit">${t('dashboard.cases.assignMe')}</button></form>`}
  <form method="post" action="${base}/assign" class="assign-other">${csrf}
    <label>${t('workspace.assign.label')}<select name="officer">
      ${roster.map(
        (o) =>
          html`<option value="${o.id}"${o.id === assigneeOfficerId ? html` selected` : ''}>${o.username} (${t(o.away ? 'workspace.assign.away' : 'workspace.assign.onDuty')})</option>`,
      )}
      <option value="${NOBODY}"${assigneeOfficerId === null ? html` selected` : ''}>${t('workspace.assign.nobody')}</option>
    </select></label>
    <button type="submit" class="secondary">${t('workspace.assign.submit')}</button>
  </form>
</section>`;
}
