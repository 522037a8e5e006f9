/**
 * Backups: the daily job writes a checked online backup and keeps the newest BACKUP_KEEP_DAYS;
 * `npm run backup` writes a manual one; and the README's restore steps, followed literally after
 * the database is damaged, bring the bot back with its data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { ManualClock } from '../core/clock.js';
import { refAndPin, startUser, typeAll } from '../testing/cases.js';
import { TestUser, createTestApp, tempDataDir, testConfig } from '../testing/harness.js';
import { runScript } from '../testing/processes.js';
import { backupDir } from './backup.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

function backupJob(app: App) {
  const job = app.jobs().find((j) => j.name === 'backup');
  if (!job) throw new Error('no backup job registered');
  return job;
}

describe('backups', () => {
  it('the daily job writes a dated backup while the bot runs and keeps the newest 14', async () => {
    const app = createTestApp({ env: { BACKUP_KEEP_DAYS: '14' } });
    apps.push(app);
    expect(backupJob(app).schedule).toBe('41 2 * * *');
    const u = await startUser(app, 'en');
    const dir = backupDir(app.config.DATA_DIR);
    fs.mkdirSync(dir, { recursive: true });
    for (let d = 1; d <= 20; d++) fs.writeFileSync(path.join(dir, `daily-2026-10-${String(d).padStart(2, '0')}.sqlite`), 'old');
    fs.writeFileSync(path.join(dir, 'manual-20261001-120000.sqlite'), 'kept');

    await backupJob(app).run();
    await u.say('menu'); // the bot kept working
    const files = fs.readdirSync(dir).sort();
    expect(files).toContain('daily-2026-11-27.sqlite'); // the ManualClock's day in Asia/Jakarta
    expect(files.filter((f) => f.startsWith('daily-'))).toHaveLength(14);
    expect(files).toContain('manual-20261001-120000.sqlite');
    expect(files).not.toContain('daily-2026-10-06.sqlite');
    expect(files.some((f) => f.endsWith('.partial'))).toBe(false);
    expect(fs.statSync(path.join(dir, 'daily-2026-11-27.sqlite')).mode & 0o077).toBe(0);
  });

  it('npm run backup writes a manual backup; the README restore steps bring the bot back with its data', async () => {
    const dataDir = tempDataDir('helpline-restore-');
    const clock = new ManualClock();
    const first = createTestApp({ config: testConfig({ DATA_DIR: dataDir }), clock });
    const u = await startUser(first, 'en', 'restore-user');
    await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', 'My wages were not paid.', 'done', '-', '1']);
    const { ref } = refAndPin(await u.say('1'));
    // The bot is running (database open, WAL in use) while the backup is taken.
    const proc = runScript('scripts/backup.ts', { DATA_DIR: dataDir });
    const exit = await proc.exited;
    expect(exit.code).toBe(0);
    const file = proc.stdout().match(/backup written: (\S+manual-\d{8}-\d{6}\.sqlite)/)?.[1];
    expect(file && fs.existsSync(file)).toBe(true);
    await first.stop();

    // Damage: the database is overwritten with garbage.
    const db = path.join(dataDir, 'helpline.sqlite');
    fs.writeFileSync(db, 'this is not a database');
    expect(() => createTestApp({ config: testConfig({ DATA_DIR: dataDir }) })).toThrow();

    // README steps 2 and 3.
    fs.mkdirSync(path.join(dataDir, 'damaged'), { recursive: true });
    for (const f of fs.readdirSync(dataDir).filter((f) => f.startsWith('helpline.sqlite'))) fs.renameSync(path.join(dataDir, f), path.join(dataDir, 'damaged', f));
    fs.copyFileSync(file!, db);

    // Step 4: the bot starts with the data; the reporter can still check the case.
    const restored = createTestApp({ config: testConfig({ DATA_DIR: dataDir }), clock });
    apps.push(restored);
    const again = new TestUser(restored, 'restore-user');
    expect(again.contact()?.language).toBe('en');
    expect((await typeAll(again, ['menu', '2'])).join('\n')).toContain(ref);
  });
});
