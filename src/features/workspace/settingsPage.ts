/** "My settings": an officer marks themselves on duty or away and picks the dashboard language. */
import { DASHBOARD_LANGUAGES, type DashboardLanguage, officerPrefs, setAway, setDashboardLanguage } from '../../domain/officers/workspace.js';
import { html } from '../kit/html.js';
import type { DashboardPage } from '../kit/dashboard/page.js';

export const settingsPage: DashboardPage = {
  path: '/me',
  titleKey: 'workspace.me.title',
  nav: 95,
  mount(r, kit) {
    const { db, clock } = kit.services;
    r.get('/', (req, res) => {
      const me = kit.officer(res);
      const prefs = officerPrefs(db, me.id);
      const lang = prefs.language ?? kit.lang;
      const t = kit.t;
      kit.render(res, {
        title: t('workspace.me.title'),
        body: html`${req.query.done === 'saved' ? html`<p class="flash" role="status">${t('workspace.me.saved')}</p>` : ''}
<form method="post" action="/dashboard/me" class="card settings">${kit.csrfField(res)}
  <fieldset><legend>${t('workspace.me.duty')}</legend>
    <p class="muted" id="duty-state">${t('workspace.me.now', { state: t(prefs.away ? 'workspace.assign.away' : 'workspace.assign.onDuty') })}</p>
    <label class="check"><input type="radio" name="duty" value="on"${prefs.away ? '' : html` checked`}> ${t('workspace.me.onDuty')}</label>
    <label class="check"><input type="radio" name="duty" value="away"${prefs.away ? html` checked` : ''}> ${t('workspace.me.away')}</label>
  </fieldset>
  <label>${t('workspace.me.language')}<select name="language">${DASHBOARD_LANGUAGES.map(
    (l) => html`<option value="${l}"${l === lang ? html` selected` : ''}>${t(`common.langName.${l}`)}</option>`,
  )}</select></label>
  <button type="submit">${t('workspace.me.save')}</button>
</form>`,
      });
    });
    r.post('/', (req, res) => {
      const me = kit.officer(res);
      const now = clock.now();
      const duty = req.body?.duty;
      const language = req.body?.language;
      db.transaction(() => {
        if (duty === 'on' || duty === 'away') {
          setAway(db, me.id, duty === 'away', now);
          kit.audit(res, 'officer_duty', me.username, duty);
        }
        if ((DASHBOARD_LANGUAGES as readonly string[]).includes(language)) {
          setDashboardLanguage(db, me.id, language as DashboardLanguage, now);
          kit.audit(res, 'officer_language', me.username, language);
        }
      })();
      res.redirect(303, '/dashboard/me?done=saved');
    });
  },
};
