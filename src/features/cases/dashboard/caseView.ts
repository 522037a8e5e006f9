/** One case as HTML: details, evidence with previews, the whole history, and the officer's forms. */
import { STATUSES } from '../../../domain/cases/categories.js';
import { REFERRAL_TARGETS, reachable } from '../../../domain/cases/ops.js';
import { type Case, type CaseEvent, MAX_CASE_TEXT } from '../../../domain/cases/cases.js';
import type { AttachmentInfo } from '../../../domain/cases/evidence.js';
import type { DB } from '../../../store/db.js';
import { type Html, html } from '../../kit/html.js';
import type { Officer } from '../../../domain/officers/accounts.js';
import type { DashboardKit } from '../../kit/dashboard/page.js';
import { categoryLabel, countryName, referralLabel } from '../../kit/dashboard/labels.js';
import { assistanceDetails, programLabel, schoolLevelLine } from '../../../domain/assistance/requestCase.js';
import { isApplication } from '../../../domain/assistance/applications.js';
import { applicationForm } from './applicationForm.js';
import type { Lang } from '../../../core/types.js';
import { linkedAgency } from '../../../domain/cases/agency.js';
import { caseHome, caseHomeVar, homeVar } from '../../../domain/places.js';
import { heldDelivery } from '../../../domain/delivery/safeWindows.js';
import { isSafeWindow } from '../../../outbox/safeTime.js';

/**
 * Messages held for the reporter's safe time: when they will be delivered, and "send now" behind
 * a confirmation (a required checkbox, plus the browser's confirm dialog when scripts run).
 */
function heldCard(kit: DashboardKit, c: Case, csrf: Html, base: string): Html | string {
  const { db, clock, config, translator } = kit.services;
  const held = heldDelivery(db, c.reporterContactId, clock.now(), kit.lang as Lang, config.HOME_TIMEZONE);
  if (!held) return '';
  const text = translator.t(kit.lang as Lang, 'safeTime.dashboard.held', held);
  return html`<form method="post" action="${base}/sendnow" class="card held" data-confirm="${kit.t('safeTime.dashboard.confirm')}">${csrf}
    <h2>⏳ ${kit.t('safeTime.menuItem')}</h2>
    <p class="notice" id="held-delivery">${text}</p>
    <label class="check"><input type="checkbox" name="confirm" value="yes" required> ${kit.t('safeTime.dashboard.understand')}</label>
    <button type="submit">${kit.t('safeTime.dashboard.sendNow')}</button>
  </form>`;
}
import { assigneeAccountOf } from '../../../domain/cases/assignment.js';
import { ASSIGN_NOTICES, assignForm } from './assignForm.js';
import { teamBadge, teamCard, teamNotice } from './teamForm.js';
import { caseServiceLine } from '../../kit/dashboard/slaCell.js';
import type { ThreadEntry } from '../../../domain/cases/threadDelivery.js';
import { allLabels, labelsOf } from '../../../domain/cases/labels.js';
import { mediaPreview, threadView } from './threadView.js';
import { labelChips, labelsCard } from './labelsView.js';

/** Notices after a label was added or removed (?done=...). */
export const LABEL_NOTICES = ['labelAdded', 'labelRemoved', 'labelInvalid'] as const;


/** Notices shown after a form was handled (?done=...). */
export const DONE_NOTICES = ['replied', 'replyStored', 'status', 'statusQuiet', 'assigned', 'referred', 'noted', 'empty', 'invalid', 'sentNow', 'nothingHeld', 'notConfirmed', 'applicationStatus', 'applicationStatusQuiet'] as const;

const selected = (on: boolean) => (on ? html` selected` : '');

function fileUrl(c: Case, a: AttachmentInfo): string {
  return `/dashboard/cases/${c.ref}/files/${a.id}`;
}

function evidence(kit: DashboardKit, c: Case, files: AttachmentInfo[]): Html {
  const t = kit.t;
  if (!files.length) return html`<p class="muted">${t('dashboard.cases.noFiles')}</p>`;
  return html`<ul class="files">${files.map((a) => {
    const kb = a.size ? Math.ceil(a.size / 1024) : null;
    const label = html`${t(`case.mediaKind.${a.kind}`)}${kb ? ` · ${kb} KB` : ''} · ${kit.formatTime(a.createdAt)}`;
    if (a.state !== 'stored') return html`<li id="file-${a.id}"><span class="file-label">${label}</span> <span class="muted">${t(`officer.fileState.${a.state}`)}</span></li>`;
    const url = fileUrl(c, a);
    return html`<li id="file-${a.id}">${mediaPreview(kit, url, a)}<span class="file-label">${label}</span> <a href="${url}?download=1">${t('dashboard.cases.download')}</a>
<span class="sha" title="sha256">${a.sha256?.slice(0, 16) ?? ''}</span></li>`;
  })}</ul>`;
}

/** The case page body. */
/** One label/value row of a details list (values are escaped by the html template). */
function field(label: string, value: string | Html): Html {
  return html`<dt>${label}</dt><dd>${value}</dd>`;
}

/** The register entry the reporter's agency text was linked to, with its status today (same texts as chat /case). */
function agencyField(kit: DashboardKit, c: Case): Html | string {
  const { db, clock, config, translator } = kit.services;
  const link = linkedAgency(db, c, clock.now(), config.HOME_TIMEZONE);
  if (!link) return '';
  const lang = kit.lang as Lang;
  const text =
    !link.agency || !link.status
      ? translator.t(lang, 'officer.agencyGone', { license: link.license })
      : translator.t(lang, 'officer.agencyLinked', {
          name: link.agency.name,
          license: link.license,
          status: { t: `agency.kind.${link.status === 'active' ? 'licensed' : link.status}` },
        });
  return field(kit.t('dashboard.cases.agencyRegister'), text.replace(/^•\s*/, ''));
}

/** Where the report or request comes from at home (district and village), when known. */
function homeField(kit: DashboardKit, db: DB, c: Case): Html | string {
  const home = caseHome(db, c.id);
  if (!home.district && !home.village) return '';
  const v = homeVar(home.district, home.village);
  return field(kit.t('dashboard.cases.district'), typeof v === 'object' ? kit.t(v.t) : String(v));
}

/** An assistance request's own fields (program, for whom, village, phone, need), translated. */
function assistanceFields(kit: DashboardKit, c: Case): Html | string {
  const help = assistanceDetails(c);
  if (!help) return '';
  const lang = kit.lang as Lang;
  const { translator } = kit.services;
  return html`<h3>${kit.t('dashboard.cases.moreDetails')}</h3><div class="story-text">${translator.render(lang, {
    key: 'officer.assistanceFields',
    vars: {
      program: programLabel(c.category),
      who: { t: `officer.assistanceWho.${help.who}` },
      home: caseHomeVar(kit.services.db, c.id, help.village),
      phone: !help.reach || help.reach === 'chat' ? '-' : help.reach,
      language: c.language ? { t: `common.langName.${c.language}` } : '-',
      contact: '-',
    },
  })}${help.schoolLevel ? `\n${translator.render(lang, schoolLevelLine(help.schoolLevel))}` : ''}\n\n${help.need || '-'}</div>`;
}

export function caseView(
  kit: DashboardKit,
  db: DB,
  res: Parameters<DashboardKit['csrfField']>[0],
  me: Officer,
  c: Case,
  events: (CaseEvent | ThreadEntry)[],
  files: AttachmentInfo[],
  assignee: string | null,
  done: string | null,
): Html {
  const t = kit.t;
  const csrf = kit.csrfField(res);
  const base = `/dashboard/cases/${c.ref}`;
  const canMessage = reachable(c);
  const thread: ThreadEntry[] = events.map((e) => ({ ...e, delivery: 'delivery' in e ? e.delivery : null }));
  const labels = labelsOf(db, c.id);
  const contact = c.anonymous
    ? t('officer.contactPref.anonymous')
    : c.reporterContactId === null
      ? t('officer.contactPref.erased')
      : t(`officer.contactPref.${c.contactPref ?? 'any'}`, { time: isSafeWindow(c.safeTime) ? t(`safeTime.window.${c.safeTime}`) : (c.safeTime ?? '–') });
  return html`${done && (DONE_NOTICES as readonly string[]).includes(done) ? html`<p class="flash" role="status">${t(`dashboard.cases.done.${done}`)}</p>` : ''}${
    done && (ASSIGN_NOTICES as readonly string[]).includes(done) ? html`<p class="flash" role="status">${t(`workspace.assign.done.${done}`)}</p>` : ''
  }${teamNotice(kit, done)}${done && (LABEL_NOTICES as readonly string[]).includes(done) ? html`<p class="flash" role="status">${t(`inbox.labels.done.${done}`)}</p>` : ''}
<div class="case-head">
  <span class="status status-${c.status}">${t(`case.status.${c.status}`)}</span>
  ${c.urgent ? html`<span class="badge badge-urgent">${t('dashboard.cases.urgent')}</span>` : ''}
  <span class="badge">${t(`dashboard.cases.kind.${c.kind}`)}</span>
  <span class="muted">${t('dashboard.cases.createdAt', { at: kit.formatTime(c.createdAt) })} · ${t('dashboard.cases.heldBy', { who: assignee ?? t('dashboard.cases.unassigned') })}${teamBadge(kit, c)}</span>
  ${caseServiceLine(kit, db, c.id)}
  ${labelChips(labels)}
</div>
<div class="case-grid">
<div class="case-main">
  <section class="card">
    <h2>${t('dashboard.cases.details')}</h2>
    ${c.erasedAt ? html`<p class="notice">${t('officer.erased')}</p>` : ''}
    <dl class="fields">
      ${field(t('dashboard.cases.col.problem'), categoryLabel(t, c.kind, c.category))}
      ${field(t('dashboard.cases.col.country'), `${countryName(c.country, c.countryText, kit.lang)}${c.city ? `, ${c.city}` : ''}`)}
      ${field(t('dashboard.cases.reportedBy'), t(c.anonymous ? 'officer.who.anonymous' : `officer.who.${c.onBehalf}`))}
      ${field(t('dashboard.cases.col.name'), c.workerName ?? '–')}
      ${field(t('dashboard.cases.agency'), c.agencyText ?? '–')}
      ${agencyField(kit, c)}
      ${homeField(kit, db, c)}
      ${field(t('dashboard.cases.language'), c.language ? t(`common.langName.${c.language}`) : '–')}
      ${field(t('dashboard.cases.contact'), contact)}
    </dl>
    <h3>${t('dashboard.cases.story')}</h3>
    <div class="story-text">${c.description ?? '–'}</div>
    ${assistanceFields(kit, c)}
  </section>
  ${threadView(kit, db, c, thread, files, { csrf, base, canMessage })}
  <section class="card">
    <h2>${t('dashboard.cases.evidence', { count: files.length })}</h2>
    ${evidence(kit, c, files)}
  </section>
</div>
<aside class="case-side">
  ${heldCard(kit, c, csrf, base)}
  ${isApplication(c) ? applicationForm(kit, db, c, csrf) : html`<form method="post" action="${base}/status" class="card">${csrf}
    <h2>${t('dashboard.cases.statusTitle')}</h2>
    <label>${t('dashboard.cases.newStatus')}<select name="status">${STATUSES.map((s) => html`<option value="${s}"${selected(s === c.status)}>${t(`case.status.${s}`)}</option>`)}</select></label>
    <label>${t('dashboard.cases.noteToReporter')}<textarea name="note" rows="2" maxlength="${MAX_CASE_TEXT}"></textarea></label>
    <button type="submit">${t('dashboard.cases.statusSave')}</button>
  </form>`}
  ${assignForm(kit, c, me, assigneeAccountOf(db, c.id), csrf, base)}
  ${teamCard(kit, c, csrf, base)}
  ${labelsCard(kit, labels, allLabels(db), csrf, base)}
  <form method="post" action="${base}/refer" class="card">${csrf}
    <h2>${t('dashboard.cases.referTitle')}</h2>
    <label>${t('dashboard.cases.referTo')}<select name="target">${REFERRAL_TARGETS.map((r) => html`<option value="${r}">${referralLabel(r, kit.lang)}</option>`)}</select></label>
    <label>${t('dashboard.cases.noteToReporter')}<textarea name="note" rows="2" maxlength="${MAX_CASE_TEXT}"></textarea></label>
    <button type="submit">${t('dashboard.cases.referSave')}</button>
  </form>
  <form method="post" action="${base}/note" class="card">${csrf}
    <h2>${t('dashboard.cases.noteTitle')}</h2>
    <p class="hint">${t('dashboard.cases.noteHint')}</p>
    <label>${t('dashboard.cases.noteLabel')}<textarea name="text" rows="3" required maxlength="${MAX_CASE_TEXT}"></textarea></label>
    <button type="submit">${t('dashboard.cases.noteSave')}</button>
  </form>
</aside>
</div>`;
}
