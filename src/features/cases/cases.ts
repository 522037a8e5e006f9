/** The cases feature: report a problem, check my report, case threads, officer commands and chats, API, escalation and evidence jobs. */
import type { Check } from '../../conversation/flow.js';
import type { Feature } from '../feature.js';
import { ESCALATION_SCHEDULE, escalateUnhandled } from '../../domain/cases/escalation.js';
import { downloadPendingAttachments } from '../../domain/cases/mediaDownloads.js';
import { casesApi } from './api.js';
import type { Job } from '../../scheduler/scheduler.js';
import type { Services } from '../services.js';
import { caseChecks, caseSources } from './caseChecks.js';
import { caseStatusActions, caseStatusFlow } from './caseStatus.js';
import { complaintActions, complaintFlow } from './complaint.js';
import { officerActions, officerCommands, officerFlow } from './officerCases.js';
import { casesPage } from './dashboard/page.js';
import { probeOfficerChats, registerOfficerChats } from './officerChats.js';
import { threadActions, threadChecks, threadFlow, toOfficerFlow } from './thread.js';

/** How often officer chats nobody could confirm yet are probed again (cron). */
export const OFFICER_PROBE_SCHEDULE = '*/10 * * * *';
/** How often pending evidence files are fetched (cron with seconds). */
export const MEDIA_SCHEDULE = '*/10 * * * * *';

/** Re-announces unhandled cases (the escalation job's body; tests call it with a manual clock). */
export function runEscalation(services: Services): string[] {
  const { config } = services;
  return services.notifier.transaction(({ toContact: notify }) =>
    escalateUnhandled(services.db, notify, services.clock.now(), {
      urgentMs: config.CASE_ESCALATE_URGENT_MINUTES * 60_000,
      normalMs: config.CASE_ESCALATE_MINUTES * 60_000,
    }),
  );
}

/** Fetches pending evidence files (the media job's body). */
export function runMediaDownloads(services: Services) {
  return downloadPendingAttachments({
    db: services.db,
    dataDir: services.config.DATA_DIR,
    now: () => services.clock.now(),
    log: services.log,
    channels: services.channels,
    inTx: (fn) => services.notifier.transaction((out) => fn(out.toContact)),
  });
}

const anyText: Check = ({ text }) => ({ ok: true, value: text });

export const casesFeature: Feature = {
  name: 'cases',
  pages: [casesPage],
  flows: [complaintFlow, caseStatusFlow, officerFlow, threadFlow, toOfficerFlow],
  checks: { ...caseChecks, ...threadChecks, 'officer.any': anyText },
  sources: caseSources,
  commands: officerCommands,
  actions: { ...complaintActions, ...caseStatusActions, ...officerActions, ...threadActions },
  api: casesApi,
  // Configured officer chats are known from start-up, and probed once the channels run.
  init: registerOfficerChats,
  started: async (services) => {
    await probeOfficerChats(services);
  },
  jobs: (services): Job[] => [
    { name: 'case-escalation', schedule: ESCALATION_SCHEDULE, run: () => void runEscalation(services) },
    { name: 'case-media', schedule: MEDIA_SCHEDULE, run: async () => void (await runMediaDownloads(services)) },
    // A probe that failed for network trouble at start-up is tried again.
    { name: 'officer-probe', schedule: OFFICER_PROBE_SCHEDULE, run: async () => void (await probeOfficerChats(services)) },
  ],
};
