/** Service levels under a controlled clock: what counts as a first response, and each SLA state in code and in the inbox query. */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/harness.js';
import { type Case, caseById, createCase } from './cases.js';
import { assignCase, changeStatus, replyToReporter } from './ops.js';
import { type SlaState, type SlaTargets, SLA_STATES, slaOf, slaTargets } from './serviceLevels.js';
import { findCases, parseFilter } from './inbox.js';
import type { Officer } from '../officers/accounts.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const MIN = 60_000;
const HOUR = 60 * MIN;
const ME: Officer = { id: 999, username: 'nobody', role: 'officer', contactId: null };

/** Small targets so the states are easy to reach: urgent 60 min / 10 h, others 4 h / 40 h. */
const ENV = { SLA_FIRST_RESPONSE_URGENT_MINUTES: '60', SLA_FIRST_RESPONSE_MINUTES: '240', SLA_RESOLUTION_URGENT_HOURS: '10', SLA_RESOLUTION_HOURS: '40' };

function open(urgent: boolean, at: number): Case {
  const { id } = createCase(app.db, { reporterContactId: null, category: urgent ? 'violence_abuse' : 'wages_unpaid', urgent, urgentReason: urgent ? 'category' : null, now: at, config: app.config });
  return caseById(app.db, id)!;
}
const reply = (c: Case, at: number) => app.notifier.transaction((out) => replyToReporter(app.db, out.toContact, c, 'officer:7', 'We are on it.', at), at);
const status = (c: Case, s: 'closed' | 'resolved' | 'in_progress', at: number) =>
  app.notifier.transaction((out) => changeStatus(app.db, out.toContact, caseById(app.db, c.id)!, 'dashboard:1', s, null, at), at);
const fresh = (c: Case) => caseById(app.db, c.id)!;
const view = (c: Case, targets: SlaTargets, now: number) => {
  const r = app.db.prepare('SELECT created_at, urgent, first_response_at, resolved_at FROM cases WHERE id = ?').get(c.id) as Record<string, number | null>;
  return slaOf({ createdAt: r.created_at as number, urgent: r.urgent === 1, firstResponseAt: r.first_response_at, resolvedAt: r.resolved_at }, targets, now);
};
const inbox = (state: SlaState, now: number, targets: SlaTargets) =>
  findCases(app.db, parseFilter({ status: 'all', sla: state }, { now, targets }), ME).rows.map((r) => r.ref).sort();

describe('service levels', () => {
  it('the first response is the first officer message; an assignment or a status change is not one; resolution is the time it was resolved or closed', async () => {
    app = createTestApp({ env: ENV });
    const t0 = app.clock.now();
    const c = open(false, t0);
    const officer = app.contacts.upsert('telegram', '9001', t0, true);
    app.notifier.transaction((out) => assignCase(app.db, out.toContact, c, 'officer:1', officer.id, t0 + 10 * MIN), t0 + 10 * MIN);
    status(c, 'in_progress', t0 + 20 * MIN);
    expect(fresh(c).firstActionAt).toBe(t0 + 10 * MIN); // escalation stops at the assignment …
    expect(app.db.prepare('SELECT first_response_at FROM cases WHERE id = ?').pluck().get(c.id)).toBeNull(); // … the service level does not
    reply(c, t0 + 3 * HOUR);
    reply(c, t0 + 5 * HOUR);
    expect(app.db.prepare('SELECT first_response_at, first_response_by FROM cases WHERE id = ?').get(c.id)).toEqual({ first_response_at: t0 + 3 * HOUR, first_response_by: 'officer:7' });
    status(c, 'resolved', t0 + 30 * HOUR);
    status(c, 'closed', t0 + 31 * HOUR);
    expect(app.db.prepare('SELECT resolved_at FROM cases WHERE id = ?').pluck().get(c.id)).toBe(t0 + 30 * HOUR);
    // Reopened: open again until it is closed again.
    status(c, 'in_progress', t0 + 32 * HOUR);
    expect(app.db.prepare('SELECT resolved_at FROM cases WHERE id = ?').pluck().get(c.id)).toBeNull();
    status(c, 'closed', t0 + 33 * HOUR);
    expect(app.db.prepare('SELECT resolved_at FROM cases WHERE id = ?').pluck().get(c.id)).toBe(t0 + 33 * HOUR);
  });

  it('each state, computed for one case and found by the inbox filter (the SQL agrees with the code)', async () => {
    app = createTestApp({ env: ENV });
    const targets = slaTargets(app.config);
    const t0 = app.clock.now();
    // Open, no reply: normal first reply due after 4 h, due soon in its last hour.
    const onTime = open(false, t0);
    const dueSoon = open(false, t0 - 3 * HOUR - 10 * MIN);
    const overdue = open(true, t0 - 61 * MIN); // urgent: 60 min
    // Answered in time, resolution still running (40 h): on time; after 31 h: due soon; after 41 h: overdue.
    const answered = open(false, t0 - 20 * HOUR);
    reply(answered, t0 - 19 * HOUR);
    const answeredLate = open(false, t0 - 41 * HOUR);
    reply(answeredLate, t0 - 40 * HOUR - 30 * MIN);
    // Finished: met; breached by a late first reply; breached by a late resolution; closed before a reply was due (met).
    const met = open(true, t0 - 9 * HOUR);
    reply(met, t0 - 9 * HOUR + 30 * MIN);
    status(met, 'resolved', t0 - 1 * HOUR);
    const lateReply = open(true, t0 - 9 * HOUR);
    reply(lateReply, t0 - 7 * HOUR);
    status(lateReply, 'closed', t0 - 1 * HOUR);
    const lateResolution = open(false, t0 - 50 * HOUR);
    reply(lateResolution, t0 - 49 * HOUR);
    status(lateResolution, 'closed', t0 - 1 * HOUR);
    const closedQuietly = open(false, t0 - 2 * HOUR);
    status(closedQuietly, 'closed', t0 - 1 * HOUR);

    const expected: Record<SlaState, Case[]> = {
      on_time: [onTime, answered],
      due_soon: [dueSoon],
      overdue: [overdue, answeredLate],
      met: [met, closedQuietly],
      breached: [lateReply, lateResolution],
    };
    for (const state of SLA_STATES) {
      for (const c of expected[state]) expect(view(c, targets, t0).state, `${c.ref} should be ${state}`).toBe(state);
      expect(inbox(state, t0, targets), state).toEqual(expected[state].map((c) => c.ref).sort());
    }
    expect(view(onTime, targets, t0)).toMatchObject({ target: 'first_response', leftMs: 4 * HOUR });
    expect(view(overdue, targets, t0)).toMatchObject({ target: 'first_response', leftMs: -1 * MIN });
    expect(view(answered, targets, t0)).toMatchObject({ target: 'resolution', leftMs: 20 * HOUR });

    // Time moves: the on-time case enters its last quarter, then passes its target.
    app.manualClock.advance(3 * HOUR + 1);
    expect(view(onTime, targets, app.clock.now()).state).toBe('due_soon');
    expect(inbox('due_soon', app.clock.now(), targets)).toContain(onTime.ref);
    app.manualClock.advance(HOUR);
    expect(view(onTime, targets, app.clock.now()).state).toBe('overdue');
    expect(inbox('overdue', app.clock.now(), targets)).toContain(onTime.ref);
  });

  it('the targets come from the configuration', () => {
    app = createTestApp({ env: ENV });
    expect(slaTargets(app.config)).toEqual({ firstResponseMs: { urgent: HOUR, normal: 4 * HOUR }, resolutionMs: { urgent: 10 * HOUR, normal: 40 * HOUR } });
    const defaults = createTestApp();
    expect(slaTargets(defaults.config)).toEqual({ firstResponseMs: { urgent: HOUR, normal: 24 * HOUR }, resolutionMs: { urgent: 72 * HOUR, normal: 336 * HOUR } });
    void defaults.stop();
  });
});
