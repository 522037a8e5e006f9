/** Safe-time delivery: the worker's window (report flow, account menu) and the officers' "send now". */
import type { Feature } from '../feature.js';
import { sendNowActions, sendNowCommands, sendNowFlow } from './sendNow.js';
import { safeTimeFlow, windowActions, windowChecks } from './windowFlow.js';

export const safeTimeFeature: Feature = {
  name: 'safeTime',
  flows: [safeTimeFlow, sendNowFlow],
  checks: windowChecks,
  commands: sendNowCommands,
  actions: { ...windowActions, ...sendNowActions },
};
