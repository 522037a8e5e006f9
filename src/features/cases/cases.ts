/** The cases feature: report a problem, check my report, officer commands, API, escalation and evidence jobs. */
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
  flows: [complaintFlow, caseStatusFlow, officerFlow],
  checks: { ...caseChecks, 'officer.any': anyText },
  sources: caseSources,
  commands: officerCommands,
  actions: { ...complaintActions, ...caseStatusActions, ...officerActions },
  api: casesApi,
  jobs: (services): Job[] => [
    { name: 'case-escalation', schedule: ESCALATION_SCHEDULE, run: () => void runEscalation(services) },
    { name: 'case-media', schedule: MEDIA_SCHEDULE, run: async () => void (await runMediaDownloads(services)) },
  ],
};
