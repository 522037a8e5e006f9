/** `npm run backup`: a manual online backup into DATA_DIR/backups (safe while the bot runs). */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/store/db.js';
import { backupDatabase } from '../src/ops/backup.js';

const config = loadConfig();
const db = openDatabase(config.DB_PATH, config.DB_BUSY_TIMEOUT_MS);
try {
  const { file, bytes } = await backupDatabase(db, {
    dataDir: config.DATA_DIR,
    now: Date.now(),
    timezone: config.HOME_TIMEZONE,
    keepDays: config.BACKUP_KEEP_DAYS,
    kind: 'manual',
  });
  process.stdout.write(`backup written: ${file} (${bytes} bytes)\n`);
} catch (err) {
  process.stderr.write(`backup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  db.close();
}
