/** The officer workspace: own settings (on duty / away, dashboard language), saved replies, optional automatic assignment. */
import type { Feature } from '../feature.js';
import { savedRepliesPage } from './savedRepliesPage.js';
import { settingsPage } from './settingsPage.js';
import { AUTO_ASSIGN_SCHEDULE, runAutoAssign } from './autoAssign.js';

export const workspaceFeature: Feature = {
  name: 'workspace',
  pages: [savedRepliesPage, settingsPage],
  jobs: (s) => [{ name: 'auto-assign', schedule: AUTO_ASSIGN_SCHEDULE, run: () => void runAutoAssign(s) }],
};
