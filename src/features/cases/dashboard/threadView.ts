/**
 * The case as a conversation: reporter messages and files on one side, officer replies on the
 * other with their delivery state, status notices and other events in the middle, internal notes
 * marked as never sent, and the reply box at the bottom. The list is a live region: the page
 * redraws it when a message arrives or a delivery state changes (public/live.js).
 */
import { MAX_CASE_TEXT, type Case } from '../../../domain/cases/cases.js';
import type { AttachmentInfo } from '../../../domain/cases/evidence.js';
import type { Delivery, ThreadEntry } from '../../../domain/cases/threadDelivery.js';
import { UNASSIGNED } from '../../../domain/cases/assignment.js';
import { dashboardActor } from '../../../domain/officers/actors.js';
import type { DB } from '../../../store/db.js';
import { type Html, html } from '../../kit/html.js';
import type { DashboardKit } from '../../kit/dashboard/page.js';
import { actorName } from '../../kit/dashboard/labels.js';

/** Where a thread entry sits: the reporter's side, ours, an internal note, or a notice in the middle. */
function sideOf(e: ThreadEntry): 'in' | 'out' | 'note' | 'meta' {
  if (e.kind === 'message_in' || e.kind === 'attachment') return 'in';
  if (e.kind === 'message_out') return 'out';
  if (e.kind === 'note') return 'note';
  return 'meta';
}

/** The delivery line under a message sent to the reporter. */
function deliveryLine(kit: DashboardKit, d: Delivery): Html {
  const t = kit.t;
  const until = d.until !== undefined ? kit.formatTime(d.until) : '';
  const text =
    d.state === 'queued' && d.reason
      ? t('inbox.delivery.retrying', { reason: d.reason })
      : d.state === 'failed' && !d.reason
        ? t('inbox.delivery.failedNoReason')
        : t(`inbox.delivery.${d.state}`, { until, reason: d.reason ?? '–' });
  const icon = { queued: '🕓', held: '⏳', waiting: '⏳', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠', not_sent: '⚠', stored: '🗄', cleared: '·' }[d.state];
  return html`<p class="delivery delivery-${d.state}" data-delivery="${d.state}"><span aria-hidden="true">${icon}</span> ${text}</p>`;
}

/** A file the reporter sent, shown in the bubble (preview when stored) with its download link. */
/** A stored photo, voice note or video shown where it is (other files get only their link). */
export function mediaPreview(kit: DashboardKit, url: string, a: AttachmentInfo): Html | string {
  const mime = a.mime ?? '';
  if (mime.startsWith('image/')) return html`<a href="${url}"><img src="${url}" alt="${kit.t('dashboard.cases.imageAlt', { id: a.id })}" loading="lazy"></a>`;
  if (mime.startsWith('audio/')) return html`<audio controls preload="none" src="${url}"></audio>`;
  if (mime.startsWith('video/')) return html`<video controls preload="none" src="${url}"></video>`;
  return '';
}

function fileInBubble(kit: DashboardKit, c: Case, a: AttachmentInfo | undefined): Html | string {
  if (!a) return '';
  const t = kit.t;
  const label = t(`case.mediaKind.${a.kind}`);
  if (a.state !== 'stored') return html`<p class="bubble-file"><span class="file-label">${label}</span> <span class="muted">${t(`officer.fileState.${a.state}`)}</span></p>`;
  const url = `/dashboard/cases/${c.ref}/files/${a.id}`;
  return html`<div class="bubble-file">${mediaPreview(kit, url, a)}<span class="file-label">${label}</span> <a href="${url}?download=1">${t('dashboard.cases.download')}</a></div>`;
}

/** What a notice in the middle says (status, assignment, escalation …). */
function noticeText(kit: DashboardKit, db: DB, e: ThreadEntry): string {
  const t = kit.t;
  if (e.kind === 'status') return t('dashboard.cases.event.status', { status: t(`case.status.${e.status ?? 'new'}`) });
  if (e.kind === 'assigned') {
    const acc = /^account:(\d+)$/.exec(e.text ?? '');
    if (e.text === UNASSIGNED) return t('workspace.assign.unassignedEvent');
    return t('dashboard.cases.event.assigned', { who: acc ? actorName(t, db, dashboardActor(Number(acc[1]))) : actorName(t, db, e.text ?? '') });
  }
  const base = t(`dashboard.cases.event.${e.kind}`);
  return e.kind === 'urgent' && e.text ? `${base} (${t(`officer.reason.${e.text}`)})` : base;
}

/** One entry of the conversation. */
function entry(kit: DashboardKit, db: DB, c: Case, files: Map<number, AttachmentInfo>, e: ThreadEntry): Html {
  const t = kit.t;
  const side = sideOf(e);
  const who = actorName(t, db, e.actor);
  const head = html`<div class="event-head"><time>${kit.formatTime(e.at)}</time> <strong>${who}</strong> · ${
    side === 'note' ? t('inbox.thread.internal') : noticeText(kit, db, e)
  }</div>`;
  const file = e.attachmentId ? fileInBubble(kit, c, files.get(e.attachmentId)) : '';
  const body = e.text && e.kind !== 'assigned' && e.kind !== 'urgent' ? html`<div class="event-text">${e.text}</div>` : '';
  const delivery = e.delivery ? deliveryLine(kit, e.delivery) : '';
  return html`<li class="event event-${side} msg msg-${side}" id="event-${e.id}" data-kind="${e.kind}"><div class="bubble">${head}${body}${file}${delivery}</div></li>`;
}

/** The conversation card: every entry in order, then the reply box. */
export function threadView(
  kit: DashboardKit,
  db: DB,
  c: Case,
  thread: ThreadEntry[],
  files: AttachmentInfo[],
  reply: { csrf: Html; base: string; canMessage: boolean },
): Html {
  const t = kit.t;
  const byId = new Map(files.map((a) => [a.id, a]));
  return html`<section class="card thread-card" aria-labelledby="thread-title">
    <h2 id="thread-title">${t('inbox.thread.title')}</h2>
    <ol class="history thread" id="case-history" data-live-region data-live-ref="${c.ref}">${
      thread.length ? thread.map((e) => entry(kit, db, c, byId, e)) : html`<li class="muted">${t('inbox.thread.empty')}</li>`
    }</ol>
    <form method="post" action="${reply.base}/reply" class="reply-box" aria-label="${t('dashboard.cases.replyTitle')}">${reply.csrf}
      <p class="hint">${reply.canMessage ? t('dashboard.cases.replyHint') : t('dashboard.cases.replyHintStored')}</p>
      <label>${t('dashboard.cases.replyLabel')}<textarea name="text" rows="3" required maxlength="${MAX_CASE_TEXT}" data-saved-replies="/dashboard/replies/for/${c.ref}" aria-describedby="saved-reply-note"></textarea></label>
      <ul class="saved-reply-picker" aria-label="${t('workspace.replies.pick')}" hidden></ul><p class="hint" id="saved-reply-note" aria-live="polite"></p>
      <button type="submit">${t('dashboard.cases.replySend')}</button>
    </form>
  </section>`;
}
