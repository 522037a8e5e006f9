/** Overview: a few numbers and charts officers can read at a glance. */
import { DateTime } from 'luxon';
import { html } from '../kit/html.js';
import { OUTSIDE_REGION, casesByDistrict, casesByVillage, districtById } from '../../domain/places.js';
import { barChart, lineChart, stackedBarChart, type Datum } from '../kit/dashboard/charts.js';
import { categoryLabel, countryName } from '../kit/dashboard/labels.js';
import {
  attendance,
  casesByCountry,
  casesPerWeek,
  categoryKind,
  contactsByLanguage,
  messagesPerDay,
  notFoundLookups,
  openCasesByAge,
  sentSince,
  urgentOpenCases,
  webchatContacts,
  CASE_WEEKS,
  LOOKUP_DAYS,
  MESSAGE_DAYS,
} from '../../domain/stats/overview.js';
import { titleIn } from '../../domain/gatherings/time.js';
import { homeDay } from '../../core/clock.js';
import { countOfficers } from '../../domain/officers/accounts.js';
import type { DashboardPage } from '../kit/dashboard/page.js';

const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled'] as const;

export const overviewPage: DashboardPage = {
  path: '/',
  titleKey: 'dashboard.nav.overview',
  nav: 10,
  mount(r, kit) {
    r.get('/', (req, res) => {
      const { db, clock, config, outbox } = kit.services;
      const t = kit.t;
      const now = clock.now();
      const emptyText = t('dashboard.overview.noData');
      const byLang: Datum[] = contactsByLanguage(db).map((r) => ({
        label: r.language ? t(`common.langName.${r.language}`) : t('dashboard.overview.noLanguage'),
        value: r.n,
      }));
      const perDay: Datum[] = messagesPerDay(db, now, config.HOME_TIMEZONE).map((d) => ({
        label: DateTime.fromISO(d.day).toFormat('d/M'),
        value: d.n,
      }));
      const counts = outbox.counts();
      const states: Datum[] = OUTBOX_STATES.map((s) => ({ label: t(`dashboard.outboxState.${s}`), value: counts[s] }));
      const contacts = byLang.reduce((a, d) => a + d.value, 0);
      const webchat = webchatContacts(db);
      const sent24h = sentSince(db, now - 24 * 3600_000);
      const tile = (label: string, value: number) => html`<div class="tile"><span class="num">${value}</span><span class="label">${label}</span></div>`;
      const zone = config.HOME_TIMEZONE;
      const lang = kit.lang;
      const weekly = casesPerWeek(db, now, zone);
      const weeklySeries = weekly.categories.map((c) => (c === '*other' ? t('dashboard.overview.otherCategories') : categoryLabel(t, categoryKind(db, c), c)));
      const byCountry: Datum[] = casesByCountry(db).map((r) => ({ label: r.country === 'OTHER' ? t('dashboard.cases.otherCountry') : r.country ? countryName(r.country, r.country, lang) : t('dashboard.overview.noCountry'), value: r.n }));
      const districtRows = casesByDistrict(db);
      const districtName = (id: string) => (id === OUTSIDE_REGION ? t('dashboard.cases.outsideRegion') : (districtById(id)?.name ?? id));
      const byDistrict: Datum[] = districtRows.map((r) => ({ label: districtName(r.district), value: r.n }));
      // One district's villages (typed by people, so counted by spelling), when an officer picks it.
      const chosen = districtById(typeof req.query.district === 'string' ? req.query.district : null);
      const byVillage: Datum[] = chosen ? casesByVillage(db, chosen.id).map((v) => ({ label: v.village, value: v.n })) : [];
      const byAge: Datum[] = openCasesByAge(db, now).map((b) => ({ label: t(`dashboard.overview.age.${b.key}`), value: b.n }));
      const notFound: Datum[] = notFoundLookups(db, homeDay(now - LOOKUP_DAYS * 86_400_000, zone)).map((l) => ({
        label: l.query === '[number]' ? t('dashboard.agencies.numberQuery') : l.query,
        value: l.count,
      }));
      const answers = attendance(db, now);
      const openCount = byAge.reduce((a, d) => a + d.value, 0);
      kit.render(res, {
        title: t('dashboard.nav.overview'),
        body: html`<section class="tiles">
  ${tile(t('dashboard.overview.openCases'), openCount)}
  ${tile(t('dashboard.overview.urgentOpen'), urgentOpenCases(db))}
  ${tile(t('dashboard.overview.contacts'), contacts)}
  ${tile(t('dashboard.overview.webchatContacts'), webchat)}
  ${tile(t('dashboard.overview.sent24h'), sent24h)}
  ${tile(t('dashboard.overview.officers'), countOfficers(db))}
</section>
<section class="charts">
  <div class="card">${stackedBarChart(
    weekly.weeks.map((w, i) => ({ label: t('dashboard.overview.weekOf', { date: w }), values: weekly.values[i] })),
    weeklySeries,
    { title: t('dashboard.overview.casesPerWeek', { weeks: CASE_WEEKS }), emptyText },
  )}</div>
  <div class="card">${barChart(byCountry, { title: t('dashboard.overview.casesByCountry'), emptyText })}</div>
  <div class="card">${barChart(byAge, { title: t('dashboard.overview.openByAge'), emptyText })}</div>
  <div class="card">${barChart(notFound, { title: t('dashboard.overview.notFoundLookups', { days: LOOKUP_DAYS }), emptyText })}</div>
  <div class="card">${stackedBarChart(
    answers.map((o) => ({ label: `${DateTime.fromMillis(o.startsAt, { zone }).toFormat('d/M')} ${titleIn(o.title, lang)}`, values: [o.counts.yes, o.counts.maybe, o.counts.no] })),
    [t('dashboard.gatherings.yes'), t('dashboard.gatherings.maybe'), t('dashboard.gatherings.no')],
    { title: t('dashboard.overview.attendance'), emptyText, colors: ['#0b6b57', '#d08a11', '#a33f6b'] },
  )}</div>
  <div class="card">${lineChart(perDay, { title: t('dashboard.overview.perDay', { days: MESSAGE_DAYS }), emptyText })}</div>
  <div class="card">${barChart(byLang, { title: t('dashboard.overview.byLanguage'), emptyText })}</div>
  <div class="card">${barChart(states, { title: t('dashboard.overview.outboxStates'), emptyText })}</div>
  <div class="card">${barChart(byDistrict, { title: t('dashboard.overview.casesByDistrict'), emptyText })}
    <form method="get" action="/dashboard/" class="filters" id="villages">
      <label>${t('dashboard.overview.villageOf')}<select name="district">
        ${districtRows.filter((r) => districtById(r.district)).map((r) => html`<option value="${r.district}"${chosen?.id === r.district ? html` selected` : ''}>${districtName(r.district)}</option>`)}
      </select></label>
      <button type="submit">${t('dashboard.overview.showVillages')}</button>
    </form>
    ${chosen ? barChart(byVillage, { title: t('dashboard.overview.casesByVillage', { district: chosen.name }), emptyText }) : ''}
  </div>
</section>`,
      });
    });
  },
};
