/**
 * Teams and routing (issue 15 item 4) and on-duty-first chat alerts (item 3): the Teams page,
 * `/team REF NAME`, and the job that sends the second wave of alerts to officers marked away.
 */
import { DUE_ALERTS_SCHEDULE, sendDueAlerts } from '../../domain/cases/dutyAlerts.js';
import type { Feature } from '../feature.js';
import type { Services } from '../services.js';
import { teamActions, teamCommands, teamFlow } from './teamCommand.js';
import { teamsPage } from './teamsPage.js';

/** Sends the alerts that waited ALERT_AWAY_DELAY_SECONDS for officers away (the job's body; tests call it under a manual clock). */
export function runDueAlerts(s: Pick<Services, 'db' | 'notifier' | 'clock' | 'config'>): { sent: number; handled: number } {
  return s.notifier.transaction(({ toContact }) => sendDueAlerts(s.db, toContact, s.clock.now(), s.config.ALERT_AWAY_DELAY_SECONDS * 1000));
}

export const teamsFeature: Feature = {
  name: 'teams',
  pages: [teamsPage],
  flows: [teamFlow],
  commands: teamCommands,
  actions: teamActions,
  jobs: (s) => [{ name: 'alerts-away', schedule: DUE_ALERTS_SCHEDULE, run: () => void runDueAlerts(s) }],
};
