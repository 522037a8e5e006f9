/** Every dashboard page, in one list (like src/flows/index.ts). */
import type { DashboardPage } from '../page.js';
import { agenciesPage } from './agencies.js';
import { broadcastsPage } from './broadcasts.js';
import { casesPage } from './cases.js';
import { channelsPage } from './channels.js';
import { gatheringsPage } from './gatherings.js';
import { overviewPage } from './overview.js';

export const DASHBOARD_PAGES: DashboardPage[] = [overviewPage, casesPage, gatheringsPage, broadcastsPage, agenciesPage, channelsPage];
