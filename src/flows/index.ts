/** Every feature of the helpline, in one list the registry is built from. */
import type { Feature } from '../conversation/registry.js';
import { accountFeature } from './account.js';
import { agencyFeature } from './agency.js';
import { assistanceFeature } from './assistance.js';
import { broadcastFeature } from './broadcast.js';
import { casesFeature } from './cases.js';
import { emergencyFeature } from './emergency.js';
import { gatheringsFeature } from './gatherings.js';
import { mainFeature } from './main.js';
import { dashboardFeature } from '../http/dashboard/index.js';
import { whatsappQrFeature } from '../channels/whatsappWeb/qrPage.js';
import { backupFeature } from '../ops/backupFeature.js';

export const FEATURES: Feature[] = [
  mainFeature,
  emergencyFeature,
  accountFeature,
  casesFeature,
  agencyFeature,
  gatheringsFeature,
  assistanceFeature,
  broadcastFeature,
  whatsappQrFeature,
  dashboardFeature,
  backupFeature,
];
