/**
 * Backups: a continuous one (database and evidence files) every BACKUP_INTERVAL_MINUTES, and a
 * daily database file kept BACKUP_KEEP_DAYS, both into BACKUP_DIR (default DATA_DIR/backups).
 */
import type { Feature } from '../feature.js';
import { backupDatabase } from '../../ops/backup.js';
import { continuousBackup, continuousKeep, intervalSchedule } from '../../ops/continuousBackup.js';

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
    {
      name: 'continuous-backup',
      schedule: intervalSchedule(s.config.BACKUP_INTERVAL_MINUTES),
      run: async () => {
        const r = await continuousBackup(s.db, {
          dataDir: s.config.DATA_DIR,
          root: s.config.BACKUP_DIR,
          now: s.clock.now(),
          timezone: s.config.HOME_TIMEZONE,
          keep: continuousKeep(s.config.BACKUP_INTERVAL_MINUTES),
        });
        s.log.info({ dir: r.dir, bytes: r.bytes, files: r.files, removed: r.removed.length }, 'continuous backup written and verified');
      },
    },
  ],
};
