/** Retention: what is forgotten when, and what stays (statistics, open cases, the audit log). */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { caseByRef } from '../domain/cases/cases.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, typeAll } from '../testing/cases.js';
import { createTestApp } from '../testing/harness.js';
import { CLOSED_CASE_RETENTION_MS, IDLE_SESSION_RETENTION_MS } from './retention.js';
import type { ManualClock } from '../core/clock.js';

let app: App & { manualClock: ManualClock };
afterEach(async () => {
  await app?.stop();
});

const count = (sql: string) => app.db.prepare(sql).pluck().get() as number;

describe('retention job', () => {
  it('erases closed cases after a year, forgets idle sessions, delivered messages, dedupe ids, PIN and flood records; keeps open cases and the audit', async () => {
    app = createTestApp({ env: { ...casesTestEnv, RATE_LIMIT_MESSAGES: '50' } });
    const officer = await startOfficer(app, 'en');
    const file = async (story: string) => {
      const u = await startUser(app, 'en');
      await typeAll(u, ['1', '1', '1', '1', '1', '-', 'Siti', '-', story, 'done', '-', '1']);
      return { u, ...refAndPin(await u.say('1')) };
    };
    const closed = await file('My wages were not paid for months.');
    const open = await file('My passport is held.');
    await officer.say(`/status ${closed.ref} closed settled`);
    await typeAll(await startUser(app, 'en'), ['2', '1', closed.ref, '000001']); // a wrong PIN is recorded
    const auditBefore = count('SELECT COUNT(*) FROM audit');
    expect(count('SELECT COUNT(*) FROM pin_attempts')).toBe(1);

    const job = app.jobs().find((j) => j.name === 'retention')!;
    app.manualClock.advance(IDLE_SESSION_RETENTION_MS + 1);
    await job.run();
    expect(count('SELECT COUNT(*) FROM sessions')).toBe(0);
    expect(count('SELECT COUNT(*) FROM inbound_seen')).toBe(0);
    expect(count('SELECT COUNT(*) FROM outbox')).toBe(count("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')"));
    expect(count('SELECT COUNT(*) FROM pin_attempts')).toBe(0);
    expect(count('SELECT COUNT(*) FROM rate_windows')).toBe(0);
    expect(caseByRef(app.db, closed.ref)?.workerName).toBe('Siti'); // not yet a year

    app.manualClock.advance(CLOSED_CASE_RETENTION_MS);
    await job.run();
    const gone = caseByRef(app.db, closed.ref)!;
    expect(gone).toMatchObject({ workerName: null, description: null, reporterContactId: null, category: 'wages_unpaid', status: 'closed' });
    expect(count(`SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.ref = '${closed.ref}' AND e.text IS NOT NULL`)).toBe(0);
    expect(count(`SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.ref = '${closed.ref}' AND e.kind = 'erased' AND e.actor = 'system'`)).toBe(1);
    // An open case is never erased by time; the audit log stays.
    expect(caseByRef(app.db, open.ref)).toMatchObject({ workerName: 'Siti', description: 'My passport is held.' });
    expect(count('SELECT COUNT(*) FROM audit')).toBe(auditBefore);
  });
});
