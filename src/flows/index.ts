/** Every feature of the helpline, in one list the registry is built from. */
import type { Feature } from '../conversation/registry.js';
import { accountFeature } from './account.js';
import { emergencyFeature } from './emergency.js';
import { gatheringsFeature } from './gatherings.js';
import { assistanceFeature } from './assistance.js';
import { mainFeature } from './main.js';

export const FEATURES: Feature[] = [mainFeature, emergencyFeature, accountFeature, gatheringsFeature, assistanceFeature];
