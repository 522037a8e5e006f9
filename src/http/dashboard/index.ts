/** The dashboard as a Feature: registered in src/flows/index.ts, it adds /dashboard to the app. */
import type { Feature } from '../../conversation/registry.js';
import { mountDashboard } from './dashboard.js';

export const dashboardFeature: Feature = {
  name: 'dashboard',
  http: (app, services) => mountDashboard(app, services),
};
