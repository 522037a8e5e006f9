/** Every feature of the helpline, in one list: the registry, routes, pages and jobs are built from it. */
import type { Feature } from './feature.js';
import { accountFeature } from './account/account.js';
import { agencyFeature } from './agency/agency.js';
import { assistanceFeature } from './assistance/assistance.js';
import { applicationsFeature } from './applications/applications.js';
import { backupFeature } from './backup/backup.js';
import { broadcastFeature } from './broadcasts/broadcast.js';
import { casesFeature } from './cases/cases.js';
import { channelStatusFeature } from './channelStatus/channelStatus.js';
import { emergencyFeature } from './emergency/emergency.js';
import { gatheringsFeature } from './gatherings/gatherings.js';
import { mainFeature } from './main/main.js';
import { overviewFeature } from './overview/overview.js';
import { safeTimeFeature } from './safeTime/safeTime.js';
import { statsFeature } from './stats/stats.js';
import { deathFeature } from './death/death.js';
import { recruiterTipFeature } from './recruiterTip/recruiterTip.js';
import { verifyFeature } from './verify/verify.js';
import { followersFeature } from './followers/followers.js';
import { discreetFeature } from './discreet/discreet.js';
import { workspaceFeature } from './workspace/workspace.js';
import { programSessionsFeature } from './programSessions/programSessions.js';
import { teamsFeature } from './teams/teams.js';
import { serviceLevelsFeature } from './serviceLevels/serviceLevels.js';
import { homeFeature } from './home/home.js';

export type { Feature, Services } from './feature.js';

export const FEATURES: Feature[] = [
  mainFeature,
  emergencyFeature,
  accountFeature,
  casesFeature,
  safeTimeFeature,
  followersFeature,
  discreetFeature,
  agencyFeature,
  gatheringsFeature,
  assistanceFeature,
  applicationsFeature,
  broadcastFeature,
  verifyFeature,
  overviewFeature,
  channelStatusFeature,
  backupFeature,
  statsFeature,
  deathFeature,
  recruiterTipFeature,
  workspaceFeature,
  programSessionsFeature,
  teamsFeature,
  serviceLevelsFeature,
  homeFeature,
];
