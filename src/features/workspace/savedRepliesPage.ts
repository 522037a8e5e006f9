/**
 * Saved replies on the dashboard: list, add or change a language version, delete; and the JSON
 * the case page's reply box reads when an officer types `/` (each reply filled for that case,
 * in the version its reporter will get).
 */
import { LANGUAGES, type Lang } from '../../core/types.js';
import { caseByRef } from '../../domain/cases/cases.js';
import { normalizeRef } from '../../domain/cases/ref.js';
import {
  MAX_SAVED_REPLY_CHARS,
  deleteSavedReply,
  fillSavedReply,
  listSavedReplies,
  readerLanguage,
  saveSavedReply,
  savedRepliesFor,
  savedReplyProblem,
} from '../../domain/officers/savedReplies.js';
import { html } from '../kit/html.js';
import type { DashboardPage } from '../kit/dashboard/page.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export const savedRepliesPage: DashboardPage = {
  path: '/replies',
  titleKey: 'workspace.replies.title',
  nav: 85,
  mount(r, kit) {
    const { db, clock } = kit.services;
    r.get('/', (req, res) => {
      const t = kit.t;
      const done = str(req.query.done);
      const rows = listSavedReplies(db);
      kit.render(res, {
        title: t('workspace.replies.title'),
        body: html`${['saved', 'deleted', 'shortname', 'language', 'body'].includes(done) ? html`<p class="flash" role="status">${t(`workspace.replies.done.${done}`)}</p>` : ''}
<p class="hint">${t('workspace.replies.hint')}</p>
${
  rows.length
    ? html`<div class="table-wrap"><table class="table saved-replies"><thead><tr><th>${t('workspace.replies.shortname')}</th><th>${t('workspace.replies.language')}</th><th class="wide">${t(
        'workspace.replies.body',
      )}</th><th></th></tr></thead><tbody>${rows.map(
        (s) => html`<tr><td>/${s.shortname}</td><td>${t(`common.langName.${s.language}`)}</td><td class="wide story">${s.body}</td><td>
<form method="post" action="/dashboard/replies/${s.id}/delete" class="inline" data-confirm="${t('workspace.replies.confirmDelete')}">${kit.csrfField(res)}<button type="submit" class="secondary">${t(
          'workspace.replies.delete',
        )}</button></form></td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="notice">${t('workspace.replies.none')}</p>`
}
<form method="post" action="/dashboard/replies" class="card">${kit.csrfField(res)}
  <h2>${t('workspace.replies.add')}</h2>
  <label>${t('workspace.replies.shortname')}<input name="shortname" required maxlength="32" pattern="[a-z0-9][a-z0-9_\\-]{0,31}"></label>
  <label>${t('workspace.replies.language')}<select name="language">${LANGUAGES.map((l) => html`<option value="${l}">${t(`common.langName.${l}`)}</option>`)}</select></label>
  <label>${t('workspace.replies.body')}<textarea name="body" rows="4" required maxlength="${MAX_SAVED_REPLY_CHARS}"></textarea></label>
  <p class="hint">${t('workspace.replies.variables')}</p>
  <button type="submit">${t('workspace.replies.save')}</button>
</form>`,
      });
    });
    r.post('/', (req, res) => {
      const shortname = str(req.body?.shortname).trim().toLowerCase();
      const language = str(req.body?.language);
      const body = str(req.body?.body);
      const problem = savedReplyProblem(shortname, language, body);
      if (problem) return void res.redirect(303, `/dashboard/replies?done=${problem}`);
      db.transaction(() => {
        saveSavedReply(db, { shortname, language: language as Lang, body }, kit.officer(res).id, clock.now());
        kit.audit(res, 'saved_reply_saved', shortname, language);
      })();
      res.redirect(303, '/dashboard/replies?done=saved');
    });
    r.post('/:id/delete', (req, res) => {
      db.transaction(() => {
        if (deleteSavedReply(db, Number(req.params.id))) kit.audit(res, 'saved_reply_deleted', String(req.params.id));
      })();
      res.redirect(303, '/dashboard/replies?done=deleted');
    });
    // For the reply box: every saved reply, filled for this case, in the version its reporter gets.
    r.get('/for/:ref', (req, res) => {
      const ref = normalizeRef(String(req.params.ref));
      const c = ref ? caseByRef(db, ref) : undefined;
      if (!c) return void res.status(404).json({ replies: [] });
      const lang = readerLanguage(db, c);
      const officer = kit.officer(res).username;
      res.set('Cache-Control', 'no-store').json({
        replies: savedRepliesFor(db, lang).map((s) => ({
          shortname: s.shortname,
          language: s.language,
          note: kit.t(s.language === lang ? 'workspace.replies.inTheirLanguage' : 'workspace.replies.notTheirLanguage', { language: kit.t(`common.langName.${s.language}`) }),
          text: fillSavedReply(s.body, { ref: c.ref, name: c.workerName, officer }),
        })),
      });
    });
  },
};
