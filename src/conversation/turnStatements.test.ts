/**
 * What one turn costs the database, counted: a turn at a menu runs a fixed set of prepared
 * statements and prepares none. A new query added to every turn (or a statement prepared again
 * on each turn) fails here instead of slowing every conversation silently (BENCHMARKS.md).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { announceNewCase } from '../domain/cases/alerts.js';
import { caseById, createCase } from '../domain/cases/cases.js';
import { casesTestEnv } from '../testing/cases.js';
import { createTestApp, TestUser } from '../testing/harness.js';

/**
 * Statements a menu turn may run, BEGIN and COMMIT included: mark the message seen, find the
 * contact, note its inbound time, look for messages waiting for its answer, the urgent-case check,
 * the flood window (read, write), the session (read, write), one outbox row per reply.
 * Raise it only with a reason in BENCHMARKS.md: every turn of every conversation pays it.
 */
const MAX_STATEMENTS_PER_MENU_TURN = 12;

type Counted = (...args: unknown[]) => unknown;
const METHODS = ['run', 'get', 'all', 'iterate'] as const;
let counting = false;
let executed: string[] = [];
let prepared = 0;
let restore: (() => void) | undefined;

/** Counts every statement the process runs or prepares while `counting` is on. */
function instrument(app: App): () => void {
  const db = app.db;
  const statementProto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, Counted>;
  const dbProto = Object.getPrototypeOf(db) as Record<string, Counted>;
  const originals = METHODS.map((m) => statementProto[m]);
  const prepare = dbProto.prepare;
  METHODS.forEach((m, i) => {
    statementProto[m] = function (this: { source: string }, ...args: unknown[]) {
      if (counting) executed.push(this.source);
      return originals[i].apply(this, args);
    };
  });
  dbProto.prepare = function (this: unknown, ...args: unknown[]) {
    if (counting) prepared++;
    return prepare.apply(this, args);
  };
  return () => {
    METHODS.forEach((m, i) => (statementProto[m] = originals[i]));
    dbProto.prepare = prepare;
  };
}

/** Runs `fn` and returns the statements run and prepared meanwhile. */
async function count(fn: () => Promise<unknown>): Promise<{ executed: string[]; prepared: number }> {
  executed = [];
  prepared = 0;
  counting = true;
  try {
    await fn();
  } finally {
    counting = false;
  }
  return { executed, prepared };
}

let app: App;
beforeAll(() => {
  // Officer chats configured, so a new case has someone to alert.
  app = createTestApp({ env: casesTestEnv });
  restore = instrument(app);
});
afterAll(async () => {
  restore?.();
  await app?.stop();
});
afterEach(() => {
  counting = false;
});

describe('statements per turn', () => {
  it('a turn at the main menu runs a fixed, small set of statements and prepares none', async () => {
    const u = new TestUser(app);
    await u.start('en');
    // Open the safety menu and go back, twice: the same cost every time, not growing.
    for (let round = 0; round < 2; round++) {
      const open = await count(() => u.send('6'));
      expect(u.session().flow).toBe('safety');
      const back = await count(() => u.send('0'));
      expect(u.session().flow).toBe('main');
      for (const turn of [open, back]) {
        expect(turn.prepared).toBe(0);
        expect(turn.executed.length, turn.executed.join('\n')).toBeLessThanOrEqual(MAX_STATEMENTS_PER_MENU_TURN);
        expect(turn.executed[0]).toBe('BEGIN');
        expect(turn.executed[turn.executed.length - 1]).toBe('COMMIT');
      }
    }
  });

  it('a question answered in a report and a language change prepare no statement either', async () => {
    const u = new TestUser(app);
    await u.start('id');
    const report = await count(() => u.send('1'));
    expect(u.session().flow).toBe('complaint');
    const language = await count(async () => {
      await u.send('bahasa');
      await u.send('2');
    });
    expect(u.session().flow).toBe('complaint');
    for (const turn of [report, language]) expect(turn.prepared).toBe(0);
  });

  it('the turn that stores a case and alerts officers prepares nothing after the first case', async () => {
    const file = () =>
      app.notifier.transaction((out) => {
        const made = createCase(app.db, { reporterContactId: null, anonymous: true, category: 'wages_unpaid', country: 'MY', now: app.clock.now(), config: app.config });
        return announceNewCase(app.db, out.toContact, caseById(app.db, made.id)!);
      });
    file();
    let alerted = 0;
    const second = await count(async () => {
      alerted = file();
    });
    expect(alerted).toBe(2);
    expect(second.prepared).toBe(0);
  });
});
