/** The officer workspace: own settings (on duty / away, dashboard language) and saved replies. */
import type { Feature } from '../feature.js';
import { savedRepliesPage } from './savedRepliesPage.js';
import { settingsPage } from './settingsPage.js';

export const workspaceFeature: Feature = {
  name: 'workspace',
  pages: [savedRepliesPage, settingsPage],
};
