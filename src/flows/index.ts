/** Every feature of the helpline, in one list the registry is built from. */
import type { Feature } from '../conversation/registry.js';
import { accountFeature } from './account.js';
import { emergencyFeature } from './emergency.js';
import { mainFeature } from './main.js';
import { dashboardFeature } from '../http/dashboard/index.js';

export const FEATURES: Feature[] = [mainFeature, emergencyFeature, accountFeature, dashboardFeature];
