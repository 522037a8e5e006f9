/** `npm run chat` driven through stdin/stdout, and a SIGKILL between commit and send. */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScript, type Proc } from '../src/testing/processes.js';
import { tempDataDir } from '../src/testing/harness.js';

const procs: Proc[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

function chat(env: Record<string, string>): Proc {
  const p = runScript('scripts/chat.ts', { LOG_LEVEL: 'warn', ...env });
  procs.push(p);
  return p;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('npm run chat', () => {
  it('holds a whole conversation in the terminal', async () => {
    const p = chat({ DATA_DIR: tempDataDir() });
    p.child.stdin.write('halo\n');
    await p.waitFor(/Pilih bahasa \/ Choose a language/);
    p.child.stdin.write('3\n');
    await p.waitFor(/Menapa panjenengan kersa nampi wara-wara|wara-wara/);
    p.child.stdin.write('1\n');
    await p.waitFor(/Menapa ingkang saged kula biyantu/);
    p.child.stdin.write('6\n');
    await p.waitFor(/Info migrasi ingkang aman/);
    p.child.stdin.write('darurat\n');
    await p.waitFor(/0800-1000/);
    p.child.stdin.end('menu\n');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(count(p.stdout(), 'Menapa ingkang saged kula biyantu')).toBe(2);
  });

  it('a reply committed but not yet sent when the process is killed is delivered exactly once after restart', async () => {
    const dir = tempDataDir();
    // Dispatch off: the turn commits its reply to the outbox but nothing is sent.
    const first = chat({ DATA_DIR: dir, OUTBOX_DISPATCH: 'off' });
    first.child.stdin.write('halo\n');
    let db: Database.Database | undefined;
    const pending = () => {
      try {
        db ??= new Database(path.join(dir, 'helpline.sqlite'), { readonly: true, fileMustExist: true });
        return db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").pluck().get() as number;
      } catch {
        return 0;
      }
    };
    const end = Date.now() + 15_000;
    while (pending() < 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    expect(pending()).toBe(1);
    expect(first.stdout()).not.toContain('Pilih bahasa');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = chat({ DATA_DIR: dir });
    await second.waitFor(/Pilih bahasa \/ Choose a language/);
    second.child.stdin.end();
    await second.exited;
    expect(count(second.stdout(), 'Pilih bahasa / Choose a language')).toBe(1);
    expect(db!.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all()).toEqual([{ state: 'sent', n: 1 }]);
    db!.close();
  });
});
