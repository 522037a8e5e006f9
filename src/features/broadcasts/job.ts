/** The every-minute broadcast job: enqueue scheduled broadcasts that came due, mark finished ones done. */
import type { Job } from '../../scheduler/scheduler.js';
import type { Services } from '../services.js';
import { activeBroadcastIds, dueBroadcastIds, enqueueBroadcast, refreshState } from '../../domain/broadcasts/store.js';

export const BROADCAST_JOB_SCHEDULE = '* * * * *';

/** One run of the job at `services.clock.now()`; returns the ids it enqueued. */
export function runBroadcastJob(services: Services): number[] {
  const now = services.clock.now();
  const deps = { db: services.db, translator: services.translator, defaultLang: services.config.DEFAULT_LANGUAGE, dataDir: services.config.DATA_DIR };
  const enqueued: number[] = [];
  for (const id of dueBroadcastIds(services.db, now)) {
    services.notifier.transaction((out) => enqueueBroadcast(deps, out, id, now), now);
    enqueued.push(id);
    services.log.info({ broadcastId: id }, 'scheduled broadcast enqueued');
  }
  for (const id of activeBroadcastIds(services.db, now)) refreshState(services.db, id, now);
  return enqueued;
}

/** The job as the scheduler runs it. */
export function broadcastJobs(services: Services): Job[] {
  return [{ name: 'broadcasts', schedule: BROADCAST_JOB_SCHEDULE, run: () => void runBroadcastJob(services) }];
}
