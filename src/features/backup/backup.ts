/** The daily backup job (DATA_DIR/backups, newest BACKUP_KEEP_DAYS kept). */
import type { Feature } from '../feature.js';
import { backupDatabase } from '../../ops/backup.js';

/** 02:41 in the home time zone: quiet hours, away from the retention job at 03:17. */
export const BACKUP_SCHEDULE = '41 2 * * *';

export const backupFeature: Feature = {
  name: 'backup',
  jobs: (s) => [
    {
      name: 'backup',
      schedule: BACKUP_SCHEDULE,
      run: async () => {
        const { file, bytes, removed } = await backupDatabase(s.db, {
          dir: s.config.BACKUP_DIR,
          now: s.clock.now(),
          timezone: s.config.HOME_TIMEZONE,
          keepDays: s.config.BACKUP_KEEP_DAYS,
          kind: 'daily',
        });
        s.log.info({ file, bytes, removed: removed.length }, 'daily backup written');
      },
    },
  ],
};
