/** The every-minute broadcast job: enqueue scheduled broadcasts that came due, mark finished ones done. */
import type { ChannelName } from '../../core/types.js';
import type { Job } from '../../scheduler/scheduler.js';
import type { Services } from '../../services.js';
import { activeBroadcastIds, dueBroadcastIds, enqueueBroadcast, refreshState } from './store.js';

export const BROADCAST_JOB_SCHEDULE = '* * * * *';

/** One run of the job at `services.clock.now()`; returns the ids it enqueued. */
export function runBroadcastJob(services: Services): number[] {
  const now = services.clock.now();
  const deps = { db: services.db, translator: services.translator, defaultLang: services.config.DEFAULT_LANGUAGE };
  const enqueued: number[] = [];
  const touched = new Set<ChannelName>();
  for (const id of dueBroadcastIds(services.db, now)) {
    const channels = enqueueBroadcast(deps, id, now);
    for (const ch of channels) touched.add(ch);
    enqueued.push(id);
    services.log.info({ broadcastId: id }, 'scheduled broadcast enqueued');
  }
  for (const id of activeBroadcastIds(services.db, now)) refreshState(services.db, id, now);
  for (const ch of touched) services.kick(ch);
  return enqueued;
}

/** The job as the scheduler runs it. */
export function broadcastJobs(services: Services): Job[] {
  return [{ name: 'broadcasts', schedule: BROADCAST_JOB_SCHEDULE, run: () => void runBroadcastJob(services) }];
}
