/**
 * Restore drill, as the README describes it: the real bot runs (web chat), reports are filed, a
 * continuous backup is taken (database and evidence, verified), one more report is filed, then the
 * process is killed and the whole data folder is lost. Restored from BACKUP_DIR (and the separate
 * copy of the secrets), every case filed before the last backup is back with its evidence; the one
 * filed after it is the worst-case loss of one interval.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { caseByRef } from '../domain/cases/cases.js';
import { createTestApp, tempDataDir, testConfig } from '../testing/harness.js';
import { type Proc, runScript } from '../testing/processes.js';
import { WebVisitor } from '../testing/webVisitor.js';
import { listContinuous } from './continuousBackup.js';

const apps: App[] = [];
const procs: Proc[] = [];
afterEach(async () => {
  for (const p of procs.splice(0)) p.child.kill('SIGKILL');
  for (const a of apps.splice(0)) await a.stop();
});

const REPORT = ['1', '1', '1', '1', '1', '-', '-', '-', 'My passport is held by the employer.', 'done', '-', '1', '1'];

/** Files one report through the web chat; returns its reference. */
async function fileReport(base: string): Promise<string> {
  const v = new WebVisitor(base);
  await v.open();
  for (const t of ['hi', '2', '2', ...REPORT]) expect(await v.post(t)).toBe(200);
  const all = await v.waitFor((t) => /\*BWI-\d{4}-\d{4,}\*/.test(t), 15_000);
  return /\*(BWI-\d{4}-\d{4,})\*/.exec(all.join('\n'))![1];
}

describe('restore drill', () => {
  it('kill, lose the data folder, restore: every case filed before the last backup is back, with its evidence', async () => {
    const dataDir = path.join(tempDataDir('helpline-drill-'), 'data');
    const backupDir = tempDataDir('helpline-drill-backups-');
    const secretsCopy = tempDataDir('helpline-drill-secrets-');
    const env = { DATA_DIR: dataDir, BACKUP_DIR: backupDir, HTTP_PORT: '0', LOG_LEVEL: 'info', BACKUP_INTERVAL_MINUTES: '15' };
    const bot = runScript('src/main.ts', env);
    procs.push(bot);
    const port = (await bot.waitFor(/"base":"http:\/\/localhost:(\d+)"/, 30_000))[1];
    const base = `http://127.0.0.1:${port}`;

    const before = [await fileReport(base), await fileReport(base), await fileReport(base)];
    // An evidence file of the first case, as the downloader stores it.
    const evidence = path.join(dataDir, 'media', before[0], 'photo.jpg');
    fs.mkdirSync(path.dirname(evidence), { recursive: true });
    fs.writeFileSync(evidence, 'jpeg bytes', { mode: 0o600 });
    // The operator keeps a copy of DATA_DIR/secrets apart from the backups (README).
    fs.cpSync(path.join(dataDir, 'secrets'), secretsCopy, { recursive: true });

    const backup = runScript('scripts/backup.ts', { DATA_DIR: dataDir, BACKUP_DIR: backupDir }, ['--continuous']);
    expect((await backup.exited).code).toBe(0);
    expect(backup.stdout()).toMatch(/continuous backup written: .+ \(\d+ bytes, 1 evidence files, verified\)/);
    const after = await fileReport(base);

    // Disaster: the process is killed and the data folder is gone.
    bot.child.kill('SIGKILL');
    await bot.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });

    // README "Restore from a continuous backup".
    const newest = path.join(backupDir, listContinuous(backupDir).at(-1)!);
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(newest, 'helpline.sqlite'), path.join(dataDir, 'helpline.sqlite'));
    fs.cpSync(path.join(newest, 'media'), path.join(dataDir, 'media'), { recursive: true });
    fs.cpSync(secretsCopy, path.join(dataDir, 'secrets'), { recursive: true });

    const restored = createTestApp({ config: testConfig({ DATA_DIR: dataDir }) });
    apps.push(restored);
    for (const ref of before) expect(caseByRef(restored.db, ref)?.description, ref).toBe('My passport is held by the employer.');
    expect(fs.readFileSync(evidence, 'utf8')).toBe('jpeg bytes');
    expect(caseByRef(restored.db, after)).toBeUndefined();
    console.log(`restore drill: ${before.length} cases filed before the backup restored with their evidence; 1 filed after it lost (worst case: one BACKUP_INTERVAL_MINUTES)`);
  }, 120_000);
});
