/** Applications to a programme (education help, economic support): the chat flow, and the dashboard's Programme applications page. */
import type { Feature } from '../feature.js';
import { applicationActions, applicationFlow } from './applicationFlow.js';
import { programmesPage } from './programmesPage.js';

export const applicationsFeature: Feature = {
  name: 'applications',
  actions: applicationActions,
  flows: [applicationFlow],
  pages: [programmesPage],
};
