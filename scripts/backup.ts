/**
 * `npm run backup`: a manual online backup of the server's database (safe while the bot runs) into
 * BACKUP_DIR (default DATA_DIR/backups). Prints the database it backs up; stops if there is none.
 * `npm run backup -- --continuous` writes a continuous backup (database and evidence files,
 * verified) as the bot does every BACKUP_INTERVAL_MINUTES.
 */
import { loadConfigOrExit } from '../src/config.js';
import { backupDatabase } from '../src/ops/backup.js';
import { continuousBackup, continuousKeep } from '../src/ops/continuousBackup.js';
import { MissingDatabaseError, databaseLine, openScriptDatabase } from '../src/ops/scriptDatabase.js';

const config = loadConfigOrExit();
process.stdout.write(`${databaseLine(config)}\n`);
let db;
try {
  db = openScriptDatabase(config).db;
} catch (err) {
  if (!(err instanceof MissingDatabaseError)) throw err;
  process.stderr.write(`backup: ${err.message}\n`);
  process.exit(1);
}
try {
  if (process.argv.includes('--continuous')) {
    const r = await continuousBackup(db, { dataDir: config.DATA_DIR, root: config.BACKUP_DIR, now: Date.now(), timezone: config.HOME_TIMEZONE, keep: continuousKeep(config.BACKUP_INTERVAL_MINUTES) });
    process.stdout.write(`continuous backup written: ${r.dir} (${r.bytes} bytes, ${r.files} evidence files, verified)\n`);
  } else {
    const { file, bytes } = await backupDatabase(db, {
      dir: config.BACKUP_DIR,
      now: Date.now(),
      timezone: config.HOME_TIMEZONE,
      keepDays: config.BACKUP_KEEP_DAYS,
      kind: 'manual',
    });
    process.stdout.write(`backup written: ${file} (${bytes} bytes)\n`);
  }
} catch (err) {
  process.stderr.write(`backup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  db.close();
}
