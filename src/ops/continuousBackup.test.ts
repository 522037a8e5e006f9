/** Continuous backups: every BACKUP_INTERVAL_MINUTES, database and evidence, verified before older ones are pruned. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { createTestApp, tempDataDir } from '../testing/harness.js';
import { continuousKeep, listContinuous } from './continuousBackup.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

describe('continuous backups', () => {
  it('run every 15 minutes into BACKUP_DIR with the evidence; unchanged files are linked; a day of them is kept', async () => {
    const backupDir = tempDataDir('helpline-backups-');
    const app = createTestApp({ env: { BACKUP_DIR: backupDir } });
    apps.push(app);
    const job = app.jobs().find((j) => j.name === 'continuous-backup')!;
    expect(job.schedule).toBe('*/15 * * * *');
    const evidence = path.join(app.config.DATA_DIR, 'media', 'BWI-2611-0001', 'a.jpg');
    fs.mkdirSync(path.dirname(evidence), { recursive: true });
    fs.writeFileSync(evidence, 'jpeg');
    // Older backups beyond a day's worth, and one secret that must never be copied.
    for (let i = 0; i < 100; i++) fs.mkdirSync(path.join(backupDir, `continuous-20261101-${String(100000 + i)}`));
    await job.run();
    app.manualClock.advance(15 * 60_000);
    await job.run();
    const kept = listContinuous(backupDir);
    expect(kept).toHaveLength(continuousKeep(15));
    const [a, b] = kept.slice(-2).map((d) => path.join(backupDir, d));
    for (const d of [a, b]) {
      expect(fs.readFileSync(path.join(d, 'media', 'BWI-2611-0001', 'a.jpg'), 'utf8')).toBe('jpeg');
      expect(fs.existsSync(path.join(d, 'secrets'))).toBe(false);
      expect(fs.statSync(path.join(d, 'helpline.sqlite')).mode & 0o077).toBe(0);
    }
    expect(fs.statSync(path.join(a, 'media', 'BWI-2611-0001', 'a.jpg')).ino).toBe(fs.statSync(path.join(b, 'media', 'BWI-2611-0001', 'a.jpg')).ino);
    expect(fs.readdirSync(backupDir).some((f) => f.endsWith('.partial'))).toBe(false);
  });
});
