/** The dashboard's home page: today's figures across cases, messages and gatherings. */
import type { Feature } from '../feature.js';
import { overviewPage } from './dashboardPage.js';

export const overviewFeature: Feature = {
  name: 'overview',
  pages: [overviewPage],
};
