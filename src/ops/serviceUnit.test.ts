/** docs/helpline.service fits the process it runs: its own user, restarts, the data folder, a stop that finishes in time. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHUTDOWN_TIMEOUT_MS } from '../app.js';

const unit = fs.readFileSync(new URL('../../docs/helpline.service', import.meta.url), 'utf8');

/** The values of one key in the unit file (comments ignored). */
function values(key: string): string[] {
  return unit
    .split('\n')
    .filter((l) => l.startsWith(`${key}=`))
    .map((l) => l.slice(key.length + 1).trim());
}

describe('systemd unit (docs/helpline.service)', () => {
  it('runs the bot itself as its own unprivileged user from the folder holding .env, and restarts it after a crash', () => {
    expect(values('User')).toEqual(['helpline']);
    expect(values('WorkingDirectory')).toEqual(['/srv/helpline/app']);
    expect(values('ExecStart')).toEqual(['/usr/bin/node --import tsx src/main.ts']);
    expect(values('Restart')).toEqual(['on-failure']);
    expect(values('WantedBy')).toEqual(['multi-user.target']);
  });

  it('lets the bot finish its own graceful stop before systemd would kill it', () => {
    const [timeout] = values('TimeoutStopSec');
    const seconds = Number(timeout.replace(/s$/, ''));
    expect(seconds * 1000).toBeGreaterThan(SHUTDOWN_TIMEOUT_MS);
    expect(values('KillSignal')).toEqual(['SIGTERM']);
  });

  it('may write only to the data and backup folders', () => {
    expect(values('ProtectSystem')).toEqual(['strict']);
    expect(values('ReadWritePaths')).toEqual(['/srv/helpline/data /srv/helpline/backups']);
    expect(unit).toMatch(/DATA_DIR=\/srv\/helpline\/data, BACKUP_DIR=\/srv\/helpline\/backups/);
  });
});
