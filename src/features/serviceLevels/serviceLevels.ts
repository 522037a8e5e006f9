/**
 * Service levels and satisfaction (issue 15): the service report page with its CSV, and the
 * satisfaction question put to the people of closed cases. The inbox's time left / overdue and
 * SLA filter live with the inbox (features/cases, kit/dashboard/slaCell.ts); the rules in
 * domain/cases/serviceLevels.ts and satisfaction*.ts, the figures in domain/stats/serviceReport.ts.
 */
import type { Feature } from '../feature.js';
import { serviceReportPage } from './reportPage.js';
import { satisfactionActions, satisfactionChecks, satisfactionFlow } from './satisfactionFlow.js';
import { satisfactionJobs } from './satisfactionJob.js';

export const serviceLevelsFeature: Feature = {
  name: 'serviceLevels',
  flows: [satisfactionFlow],
  actions: satisfactionActions,
  checks: satisfactionChecks,
  jobs: satisfactionJobs,
  pages: [serviceReportPage],
};
