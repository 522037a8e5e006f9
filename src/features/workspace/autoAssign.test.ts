/** Automatic assignment (AUTO_ASSIGN=round_robin): new cases go in turn to the accounts on duty. */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/harness.js';
import { createCase } from '../../domain/cases/cases.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { setAway } from '../../domain/officers/workspace.js';
import { findCases, parseFilter } from '../../domain/cases/inbox.js';
import { runAutoAssign } from './autoAssign.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const PASSWORD = 'correct horse battery staple';
const newCase = () => createCase(app.db, { reporterContactId: null, anonymous: true, category: 'wages_unpaid', now: app.clock.now(), config: app.config }).ref;
const holder = (ref: string) => app.db.prepare('SELECT o.username FROM cases c LEFT JOIN officers o ON o.id = c.assignee_officer_id WHERE c.ref = ?').pluck().get(ref);

describe('automatic assignment', () => {
  it('gives new cases in turn to the officers on duty, skips those away, and keeps the turn between runs', async () => {
    app = createTestApp({ env: { AUTO_ASSIGN: 'round_robin' } });
    const ana = (await addOfficer(app.db, { username: 'ana', password: PASSWORD }, 0)).officer;
    const budi = (await addOfficer(app.db, { username: 'budi', password: PASSWORD }, 0)).officer;
    await addOfficer(app.db, { username: 'citra', password: PASSWORD }, 0);
    setAway(app.db, budi.id, true, 0);
    const refs = [newCase(), newCase(), newCase()];
    expect(runAutoAssign(app.services)).toBe(3);
    expect(refs.map(holder)).toEqual(['ana', 'citra', 'ana']);
    const later = newCase();
    expect(runAutoAssign(app.services)).toBe(1);
    expect(holder(later)).toBe('citra');
    // Nothing left to do; "my cases" shows them; the case still counts as not acted on (escalation runs).
    expect(runAutoAssign(app.services)).toBe(0);
    expect(findCases(app.db, parseFilter({ mine: '1' }), ana).rows.map((r) => r.ref).sort()).toEqual([refs[0], refs[2]].sort());
    expect(app.db.prepare('SELECT COUNT(*) FROM cases WHERE first_action_at IS NOT NULL').pluck().get()).toBe(0);
    expect(app.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'case_auto_assigned'").pluck().get()).toBe(4);
    // The inbox filters by holder: any account, or nobody.
    const citra = app.db.prepare("SELECT id FROM officers WHERE username = 'citra'").pluck().get() as number;
    expect(findCases(app.db, parseFilter({ assignee: String(citra) }), ana).rows.map((r) => r.ref).sort()).toEqual([refs[1], later].sort());
    const loose = newCase();
    expect(findCases(app.db, parseFilter({ assignee: 'none' }), ana).rows.map((r) => r.ref)).toEqual([loose]);
    expect(parseFilter({ assignee: 'x; DROP' }).assignee).toBeNull();
  });

  it('does nothing when off (the default) or when nobody is on duty', async () => {
    app = createTestApp();
    await addOfficer(app.db, { username: 'ana', password: PASSWORD }, 0);
    const ref = newCase();
    expect(runAutoAssign(app.services)).toBe(0);
    expect(holder(ref)).toBeNull();
    await app.stop();
    app = createTestApp({ env: { AUTO_ASSIGN: 'round_robin' } });
    const again = (await addOfficer(app.db, { username: 'ana', password: PASSWORD }, 0)).officer;
    setAway(app.db, again.id, true, 0);
    const waiting = newCase();
    expect(runAutoAssign(app.services)).toBe(0);
    expect(holder(waiting)).toBeNull();
  });
});
