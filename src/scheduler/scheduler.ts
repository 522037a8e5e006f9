/** Scheduled work (node-cron) in the home time zone; each job's errors are logged, never thrown. */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';

export interface Job {
  name: string;
  /** cron expression, evaluated in the home time zone */
  schedule: string;
  run(): void | Promise<void>;
}

export class Scheduler {
  private tasks: ScheduledTask[] = [];
  constructor(
    private readonly timezone: string,
    private readonly log: Logger,
  ) {}

  start(jobs: Job[]): void {
    for (const job of jobs) {
      const task = cron.schedule(
        job.schedule,
        async () => {
          try {
            await job.run();
          } catch (err) {
            this.log.error({ err, job: job.name }, 'scheduled job failed');
          }
        },
        { timezone: this.timezone, name: job.name, noOverlap: true },
      );
      this.tasks.push(task);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((t) => t.stop()));
    this.tasks = [];
  }
}
