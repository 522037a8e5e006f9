/** Every dashboard page, in one list (like src/flows/index.ts). A feature replaces its placeholder here. */
import type { DashboardPage } from '../page.js';
import { channelsPage } from './channels.js';
import { overviewPage } from './overview.js';
import { placeholderPage } from './placeholder.js';

export const DASHBOARD_PAGES: DashboardPage[] = [
  overviewPage,
  placeholderPage('/cases', 'dashboard.nav.cases', 20),
  placeholderPage('/gatherings', 'dashboard.nav.gatherings', 30),
  placeholderPage('/broadcasts', 'dashboard.nav.broadcasts', 40),
  placeholderPage('/agencies', 'dashboard.nav.agencies', 50),
  channelsPage,
];
