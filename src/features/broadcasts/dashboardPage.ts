/**
 * Broadcasts: a composer (text per language, audience with a live recipient count, urgent flag,
 * send time), a confirmation step showing who gets what, and the list with delivery progress and
 * cancel. Creation, counting and cancelling are the broadcasts domain's own functions.
 */
import { broadcastNeedsAdmin } from '../../domain/officers/permissions.js';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { LANGUAGES, type Lang } from '../../core/types.js';
import { AUDIENCE_KINDS, type BroadcastAudience, AudienceUnavailableError, audienceSchema, describeAudience } from '../../domain/broadcasts/audience.js';
import { countRecipients } from '../../domain/broadcasts/enqueue.js';
import { MAX_BROADCAST_CHARS, missingLanguages, renderBroadcastPayloads } from '../../domain/broadcasts/payload.js';
import { MAX_SCHEDULE_AHEAD_MS } from '../../domain/broadcasts/sendTime.js';
import { type Broadcast, cancelBroadcast, createBroadcast, getBroadcast, listBroadcasts, progress, refreshState } from '../../domain/broadcasts/store.js';
import { listSeries } from '../../domain/gatherings/store.js';
import { titleIn } from '../../domain/gatherings/time.js';
import { getCountries } from '../../domain/reference.js';
import { type Html, html } from '../kit/html.js';
import { chatText } from '../kit/chatText.js';
import type { DashboardKit, DashboardPage } from '../kit/dashboard/page.js';
import { dashboardActor } from '../../domain/officers/actors.js';

interface Draft {
  text_id: string;
  text_en: string;
  text_jv: string;
  kind: string;
  country: string;
  language: string;
  gathering: string;
  urgent: boolean;
  at: string;
}

const EMPTY: Draft = { text_id: '', text_en: '', text_jv: '', kind: 'everyone', country: '', language: 'id', gathering: '', urgent: false, at: '' };
const str = (v: unknown, max = MAX_BROADCAST_CHARS + 10) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const selected = (on: boolean) => (on ? html` selected` : '');

function readDraft(src: Record<string, unknown>): Draft {
  return {
    text_id: str(src.text_id),
    text_en: str(src.text_en),
    text_jv: str(src.text_jv),
    kind: str(src.kind, 20) || 'everyone',
    country: str(src.country, 5).toUpperCase(),
    language: str(src.language, 5),
    gathering: str(src.gathering, 9),
    urgent: src.urgent === '1' || src.urgent === 'on',
    at: str(src.at, 20),
  };
}

/** The audience a draft names, or null when its fields do not make one. */
function audienceOf(d: Draft): BroadcastAudience | null {
  const raw =
    d.kind === 'country' ? { kind: 'country', country: d.country } : d.kind === 'language' ? { kind: 'language', language: d.language } : d.kind === 'gathering' ? { kind: 'gathering', gatheringId: Number(d.gathering) } : { kind: d.kind };
  const p = audienceSchema.safeParse(raw);
  return p.success ? p.data : null;
}

type Checked = { errors: string[]; audience: BroadcastAudience | null; at: number | null };

function check(d: Draft, zone: string, now: number): Checked {
  const errors: string[] = [];
  if (!d.text_id) errors.push('textId');
  if ([d.text_id, d.text_en, d.text_jv].some((t) => t.length > MAX_BROADCAST_CHARS)) errors.push('tooLong');
  const audience = audienceOf(d);
  if (!audience) errors.push('audience');
  let at: number | null = null;
  if (d.at) {
    const dt = DateTime.fromISO(d.at, { zone });
    if (!dt.isValid) errors.push('at');
    else if (dt.toMillis() <= now) errors.push('atPast');
    else if (dt.toMillis() - now > MAX_SCHEDULE_AHEAD_MS) errors.push('atFar');
    else at = dt.toMillis();
  }
  return { errors, audience, at };
}

/** Recipients now, or an error key when the audience cannot be counted. */
function count(kit: DashboardKit, a: BroadcastAudience): { recipients: number; skipped: number } | { error: string } {
  try {
    return countRecipients(kit.services.db, a, kit.services.config.DEFAULT_LANGUAGE, kit.services.clock.now());
  } catch (err) {
    if (err instanceof AudienceUnavailableError) return { error: 'audienceUnavailable' };
    throw err;
  }
}

/** "3 subscribers", plus how many the WhatsApp 24-hour window will skip when there are any. */
function countLine(kit: DashboardKit, c: { recipients: number; skipped: number }): string {
  return c.skipped ? kit.t('dashboard.broadcasts.countSkipped', { n: c.recipients, skipped: c.skipped }) : kit.t('dashboard.broadcasts.count', { n: c.recipients });
}

function hidden(d: Draft): Html {
  return html`${Object.entries(d).map(([k, v]) => (k === 'urgent' ? (v ? html`<input type="hidden" name="urgent" value="1">` : '') : html`<input type="hidden" name="${k}" value="${String(v)}">`))}`;
}

function composer(kit: DashboardKit, res: Response, d: Draft, errors: string[]): Html {
  const t = kit.t;
  const lang = kit.lang as Lang;
  const { db, clock, config } = kit.services;
  const gatherings = listSeries(db, clock.now());
  const a = audienceOf(d);
  const c = a ? count(kit, a) : null;
  const countText = !c ? '' : 'error' in c ? t(`dashboard.broadcasts.error.${c.error}`) : countLine(kit, c);
  const err = (k: string) => (errors.includes(k) ? html`<span class="field-error">${t(`dashboard.broadcasts.error.${k}`)}</span>` : '');
  return html`<form method="post" action="/dashboard/broadcasts/compose" class="card composer" data-count-url="/dashboard/broadcasts/count">${kit.csrfField(res)}
  <h2>${t('dashboard.broadcasts.composeTitle')}</h2>
  ${errors.length ? html`<p class="error" role="alert">${t('dashboard.broadcasts.fixErrors')}</p>` : ''}
  ${LANGUAGES.map(
    (l) => html`<label>${t('dashboard.broadcasts.textIn', { language: t(`common.langName.${l}`) })}${l === 'id' ? '' : html` <span class="muted">${t('dashboard.broadcasts.fallbackHint')}</span>`}
  <textarea name="text_${l}" rows="4" maxlength="${MAX_BROADCAST_CHARS}"${l === 'id' ? html` required` : ''}>${d[`text_${l}` as 'text_id']}</textarea>${l === 'id' ? err('textId') : ''}</label>`,
  )}
  ${err('tooLong')}
  <fieldset class="audience"><legend>${t('dashboard.broadcasts.audience')}</legend>
  <label>${t('dashboard.broadcasts.who')}<select name="kind">${AUDIENCE_KINDS.map((k) => html`<option value="${k}"${selected(d.kind === k)}>${t(`broadcast.audience.${k}`)}</option>`)}</select></label>
  <label>${t('dashboard.broadcasts.country')}<select name="country"><option value="">–</option>${getCountries().map((co) => html`<option value="${co.code}"${selected(d.country === co.code)}>${co.name[lang]}</option>`)}</select></label>
  <label>${t('dashboard.broadcasts.language')}<select name="language">${LANGUAGES.map((l) => html`<option value="${l}"${selected(d.language === l)}>${t(`common.langName.${l}`)}</option>`)}</select></label>
  <label>${t('dashboard.broadcasts.gathering')}<select name="gathering"><option value="">–</option>${gatherings.map((g) => html`<option value="${g.id}"${selected(d.gathering === String(g.id))}>${titleIn(g.title, lang)}</option>`)}</select></label>
  <p class="count-line">${t('dashboard.broadcasts.recipients')} <output id="audience-count" data-template="${t('dashboard.broadcasts.count', { n: '#N#' })}" data-template-skipped="${t('dashboard.broadcasts.countSkipped', { n: '#N#', skipped: '#S#' })}" data-error="${t(
    'dashboard.broadcasts.error.audience',
  )}" aria-live="polite">${countText}</output></p>
  ${err('audience')}
  </fieldset>
  <label class="check"><input type="checkbox" name="urgent" value="1"${d.urgent ? html` checked` : ''}> ${t('dashboard.broadcasts.urgent')}</label>
  <label>${t('dashboard.broadcasts.at', { zone: config.HOME_TIMEZONE })} <span class="muted">${t('dashboard.broadcasts.atHint')}</span><input type="datetime-local" name="at" value="${d.at}">${err('at')}${err('atPast')}${err('atFar')}</label>
  <button type="submit" name="action" value="preview">${t('dashboard.broadcasts.preview')}</button>
</form>`;
}

function confirmView(kit: DashboardKit, res: Response, d: Draft, ch: Checked): Html {
  const t = kit.t;
  const lang = kit.lang as Lang;
  const a = ch.audience as BroadcastAudience;
  const c = count(kit, a);
  const missing = missingLanguages({ id: d.text_id, en: d.text_en, jv: d.text_jv });
  const payloads = renderBroadcastPayloads(kit.services.translator, { id: d.text_id, en: d.text_en, jv: d.text_jv }, d.urgent);
  return html`<form method="post" action="/dashboard/broadcasts/compose" class="card confirm">${kit.csrfField(res)}${hidden(d)}
  <h2>${t('dashboard.broadcasts.confirmTitle')}</h2>
  <dl class="fields">
    <dt>${t('dashboard.broadcasts.audience')}</dt><dd>${kit.services.translator.render(lang, describeAudience(a, lang))}</dd>
    <dt>${t('dashboard.broadcasts.recipients')}</dt><dd><strong id="confirm-count">${'error' in c ? t(`dashboard.broadcasts.error.${c.error}`) : countLine(kit, c)}</strong></dd>
    <dt>${t('dashboard.broadcasts.when')}</dt><dd>${ch.at === null ? t('dashboard.broadcasts.now') : kit.formatTime(ch.at)}</dd>
    <dt>${t('dashboard.broadcasts.urgentCol')}</dt><dd>${d.urgent ? t('dashboard.yes') : t('dashboard.no')}</dd>
  </dl>
  ${missing.map((l) => html`<p class="warning" role="note">${t('dashboard.broadcasts.missingLanguage', { language: t(`common.langName.${l}`) })}</p>`)}
  <div class="previews">${LANGUAGES.map((l) => html`<figure class="preview"><figcaption>${t(`common.langName.${l}`)}</figcaption><pre>${chatText(payloads[l].text ?? '')}</pre></figure>`)}</div>
  <div class="actions">
    ${'error' in c ? '' : html`<button type="submit" name="action" value="confirm">${ch.at === null ? t('dashboard.broadcasts.sendNow') : t('dashboard.broadcasts.schedule')}</button>`}
    <button type="submit" name="action" value="edit" class="secondary">${t('dashboard.broadcasts.edit')}</button>
  </div>
</form>`;
}

function list(kit: DashboardKit, res: Response): Html {
  const t = kit.t;
  const lang = kit.lang as Lang;
  const { db, clock } = kit.services;
  const now = clock.now();
  const items = listBroadcasts(db).map((b) => {
    if (b.state === 'queued' || b.state === 'sending') b.state = refreshState(db, b.id, now) ?? b.state;
    return b;
  });
  if (!items.length) return html`<p class="muted">${t('dashboard.broadcasts.noneYet')}</p>`;
  const row = (b: Broadcast) => {
    const p = progress(db, b.id);
    const total = p.sent + p.failed + p.skipped + p.cancelled + p.remaining;
    const pct = total ? Math.round(((total - p.remaining) / total) * 100) : b.state === 'done' ? 100 : 0;
    const cancellable = b.state === 'scheduled' || b.state === 'queued' || b.state === 'sending';
    return html`<tr id="b-${b.id}" data-state="${b.state}">
<td>#${b.id}${b.urgent ? html` <span class="badge badge-urgent">${t('dashboard.broadcasts.urgentCol')}</span>` : ''}<br><span class="muted">${kit.formatTime(b.createdAt)}</span></td>
<td class="wide story">${b.texts.id}</td>
<td>${kit.services.translator.render(lang, describeAudience(b.audience, lang))}</td>
<td><span class="status bstate-${b.state}">${t(`dashboard.broadcasts.state.${b.state}`)}</span>${b.scheduledAt !== null && b.state === 'scheduled' ? html`<br><span class="muted">${kit.formatTime(b.scheduledAt)}</span>` : ''}</td>
<td class="progress-cell"><progress max="100" value="${pct}">${pct}%</progress>
<span class="progress-counts">${t('dashboard.broadcasts.progress', { sent: p.sent, failed: p.failed, skipped: p.skipped, remaining: p.remaining })}</span></td>
<td>${cancellable ? html`<form method="post" action="/dashboard/broadcasts/${b.id}/cancel" data-confirm="${t('dashboard.broadcasts.confirmCancel')}">${kit.csrfField(res)}<button type="submit" class="danger">${t('dashboard.broadcasts.cancel')}</button></form>` : ''}</td></tr>`;
  };
  return html`<div class="table-wrap"><table class="table broadcasts"><thead><tr><th>${t('dashboard.broadcasts.col.id')}</th><th class="wide">${t('dashboard.broadcasts.col.text')}</th><th>${t(
    'dashboard.broadcasts.audience',
  )}</th><th>${t('dashboard.broadcasts.col.state')}</th><th>${t('dashboard.broadcasts.col.progress')}</th><th></th></tr></thead><tbody>${items.map(row)}</tbody></table></div>`;
}

function whole(kit: DashboardKit, res: Response, top: Html, done: string | null): Html {
  const t = kit.t;
  return html`${done ? html`<p class="flash" role="status">${t(`dashboard.broadcasts.done.${done}`)}</p>` : ''}
<div class="two-col">${top}<section><h2>${t('dashboard.broadcasts.listTitle')} <a href="/dashboard/broadcasts" class="small">${t('dashboard.broadcasts.refresh')}</a></h2>${list(kit, res)}</section></div>`;
}

export const broadcastsPage: DashboardPage = {
  path: '/broadcasts',
  titleKey: 'dashboard.nav.broadcasts',
  nav: 40,
  mount(r, kit) {
    const { config, clock } = kit.services;
    const title = () => kit.t('dashboard.nav.broadcasts');
    const notices = new Set(['created', 'scheduled', 'cancelled', 'notCancelled']);

    r.get('/', (req, res) => {
      const done = typeof req.query.done === 'string' && notices.has(req.query.done) ? req.query.done : null;
      kit.render(res, { title: title(), body: whole(kit, res, composer(kit, res, EMPTY, []), done) });
    });

    // The live count behind the composer: GET, so it needs no form token and changes nothing.
    r.get('/count', (req, res) => {
      const a = audienceOf(readDraft(req.query as Record<string, unknown>));
      res.set('Cache-Control', 'no-store');
      if (!a) return void res.status(400).json({ error: 'audience' });
      const c = count(kit, a);
      res.status('error' in c ? 422 : 200).json(c);
    });

    r.post('/compose', (req: Request, res: Response) => {
      const d = readDraft(req.body ?? {});
      const action = str(req.body?.action, 10) || 'preview';
      const ch = check(d, config.HOME_TIMEZONE, clock.now());
      if (action === 'edit' || ch.errors.length) {
        return void kit.render(res, { status: ch.errors.length && action !== 'edit' ? 400 : 200, title: title(), body: whole(kit, res, composer(kit, res, d, action === 'edit' ? [] : ch.errors), null) });
      }
      if (action !== 'confirm') return void kit.render(res, { title: title(), body: whole(kit, res, confirmView(kit, res, d, ch), null) });
      const now = clock.now();
      if (kit.officer(res).role !== 'admin' && ch.audience) {
        const { recipients } = countRecipients(kit.services.db, ch.audience as BroadcastAudience, config.DEFAULT_LANGUAGE, now);
        if (broadcastNeedsAdmin((ch.audience as BroadcastAudience).kind, recipients, config.BROADCAST_OFFICER_MAX_RECIPIENTS)) {
          kit.audit(res, 'role_refused', 'POST /dashboard/broadcasts/compose', 'broadcast.large');
          return void kit.render(res, { status: 403, title: title(), body: html`<p class="error" role="alert">${kit.t('dashboard.broadcasts.adminOnly', { max: config.BROADCAST_OFFICER_MAX_RECIPIENTS })}</p>` });
        }
      }
      try {
        const { broadcast } = kit.services.notifier.transaction(
          (out) =>
            createBroadcast(
              { db: kit.services.db, translator: kit.services.translator, defaultLang: config.DEFAULT_LANGUAGE, dataDir: config.DATA_DIR },
              out,
              { audience: ch.audience as BroadcastAudience, texts: { id: d.text_id, en: d.text_en || null, jv: d.text_jv || null }, urgent: d.urgent, scheduledAt: ch.at, createdBy: dashboardActor(kit.officer(res).id) },
              now,
            ),
          now,
        );
        kit.audit(res, 'broadcast_created', `broadcast:${broadcast.id}`, JSON.stringify({ audience: ch.audience, urgent: d.urgent, scheduledAt: ch.at }));
        res.redirect(303, `/dashboard/broadcasts?done=${ch.at === null ? 'created' : 'scheduled'}#b-${broadcast.id}`);
      } catch (err) {
        if (!(err instanceof AudienceUnavailableError)) throw err;
        kit.render(res, { status: 422, title: title(), body: whole(kit, res, composer(kit, res, d, ['audienceUnavailable']), null) });
      }
    });

    r.post('/:id/cancel', (req, res) => {
      const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : NaN;
      const b = Number.isNaN(id) ? undefined : getBroadcast(kit.services.db, id);
      const ok = b ? cancelBroadcast(kit.services.db, b.id, clock.now()) : false;
      if (ok) kit.audit(res, 'broadcast_cancelled', `broadcast:${id}`);
      res.redirect(303, `/dashboard/broadcasts?done=${ok ? 'cancelled' : 'notCancelled'}`);
    });
  },
};
