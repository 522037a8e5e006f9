/**
 * "Check an agency": is this recruiter a licensed placement agency (P3MI)? Name or license number
 * in, at most 5 numbered results out; warnings and a report offer when it is not licensed.
 */
import type { Feature } from '../feature.js';
import { loadSampleIfEmpty } from '../../domain/agencies/importer.js';
import { agencyApi } from './api.js';
import { adminSummary, lookup, nextOptions, queryCheck, show } from './agencyActions.js';
import { agenciesPage } from './dashboardPage.js';
import { agencyInsightsPage } from './agencyInsightsPage.js';
import { officerAgencySummary } from './officerSummary.js';
import { commentCheck, reviewActions, reviewCommands, reviewFlow, reviewJobs } from './reviews.js';


export const agencyFeature: Feature = {
  name: 'agency',
  pages: [agenciesPage, agencyInsightsPage],
  checks: { 'agency.query': queryCheck, 'agency.reviewComment': commentCheck },
  sources: { 'agency.nextOptions': nextOptions },
  actions: { 'agency.lookup': lookup, 'agency.show': show, 'agency.adminSummary': adminSummary, 'agency.officerSummary': officerAgencySummary, ...reviewActions },
  commands: {
    agencies: { target: { flow: 'agencyadmin' }, officerOnly: true },
    agency: { target: { flow: 'agencyadmin', step: 'one' }, officerOnly: true },
    ...reviewCommands,
  },
  api: agencyApi,
  jobs: reviewJobs,
  init: (services) => {
    const report = loadSampleIfEmpty(services.db, services.clock.now());
    if (report) services.log.info({ loaded: report.loaded, source: report.source }, 'agency register was empty: loaded the FICTIONAL sample');
  },
  flows: [
    reviewFlow,
    {
      id: 'agency',
      start: 'menu',
      steps: {
        menu: {
          menu: 'agency.title',
          options: [
            { label: 'agency.optCheck', next: 'ask' },
            { label: 'agency.optHowTo', next: 'howto' },
            { label: 'agency.optReview', next: { flow: 'agencyReview' } },
          ],
        },
        ask: { ask: 'agency.askName', check: 'agency.query', save: 'query', next: 'lookup' },
        lookup: { call: 'agency.lookup', args: { query: '$query' }, next: 'results' },
        results: { menu: 'agency.whatNext', optionsFrom: 'agency.nextOptions', save: 'choice', next: 'route' },
        route: {
          branch: 'choice',
          cases: {
            // Report the recruiter: the complaint flow starts with category and agency filled in.
            report: { flow: 'complaint', with: { category: 'recruitment_fraud', agencyName: '$agencyName' } },
            again: 'ask',
            howto: 'howto',
          },
          default: 'show',
        },
        show: { call: 'agency.show', args: { id: '$choice' }, next: 'results' },
        howto: { say: 'agency.checklist', next: 'menu' },
      },
    },
    {
      id: 'agencyadmin',
      start: 'summary',
      steps: {
        summary: { call: 'agency.adminSummary', next: 'end' },
        one: { call: 'agency.officerSummary', args: { query: '$args' }, next: 'end' },
        end: { end: true },
      },
    },
  ],
};
