import { afterEach, describe, expect, it } from 'vitest';
import { casesFeature, runEscalation } from '../../features/cases/cases.js';
import { createTestApp, TestUser } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, typeAll } from '../../testing/cases.js';
import { ESCALATION_SCHEDULE } from './escalation.js';
import { caseByRef, caseEvents } from './cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const HOUR = 3600_000;

async function report(u: TestUser, category: string): Promise<string> {
  // An urgent report is not asked the home district ("-" skips it in the others).
  const home = category === '11' ? [] : ['-'];
  await typeAll(u, ['1', '1', '1', category, '1', '-', '-', '-', 'Something happened and I need help.', 'done', ...home, '1']);
  const { ref } = refAndPin(await u.say('1'));
  await u.say('1'); // "Have you written them down?" yes
  return ref;
}

describe('escalation of unhandled cases', () => {
  it('re-announces an urgent case after 2 h and a normal one after 24 h, repeatedly, until an officer acts', async () => {
    app = createTestApp({ env: casesTestEnv });
    const job = casesFeature.jobs!(app.services).find((j) => j.name === 'case-escalation');
    expect(job?.schedule).toBe(ESCALATION_SCHEDULE);
    const officer = await startOfficer(app, 'en');
    const second = await startOfficer(app, 'id', '9002');
    const u = await startUser(app, 'en');
    const normal = await report(u, '1');
    const urgent = await report(u, '11');
    officer.replies();
    second.replies();

    app.manualClock.advance(2 * HOUR - 60_000);
    expect(runEscalation(app.services)).toEqual([]);
    app.manualClock.advance(60_000);
    expect(runEscalation(app.services)).toEqual([urgent]);
    expect(officer.replies()).toEqual([
      `🚨 URGENT\nStill nobody has acted on ${urgent} (Trafficking (sold, forced to work), Hong Kong) after 2 h.\nRead it with /case ${urgent} · take it with /assign ${urgent} me`,
    ]);
    expect(second.replies()[0]).toMatch(new RegExp(`^🚨 MENDESAK\\nBelum ada petugas yang menangani ${urgent}`));
    // Running again right away does not repeat; two hours later it does.
    expect(runEscalation(app.services)).toEqual([]);
    app.manualClock.advance(2 * HOUR);
    expect(runEscalation(app.services)).toEqual([urgent]);
    expect(caseByRef(app.db, urgent)!.escalations).toBe(2);

    // Viewing does not count as handling; assigning does.
    await officer.say(`/case ${urgent}`);
    app.manualClock.advance(2 * HOUR);
    expect(runEscalation(app.services)).toEqual([urgent]);
    await officer.say(`/assign ${urgent} me`);
    officer.replies();
    app.manualClock.set(caseByRef(app.db, normal)!.createdAt + 24 * HOUR);
    expect(runEscalation(app.services)).toEqual([normal]);
    expect(officer.replies()).toEqual([
      `Still nobody has acted on ${normal} (Wages not paid, Hong Kong) after 24 h.\nRead it with /case ${normal} · take it with /assign ${normal} me`,
    ]);
    await officer.say(`/status ${normal} in_progress`);
    app.manualClock.advance(48 * HOUR);
    expect(runEscalation(app.services)).toEqual([]);
    expect(caseEvents(app.db, caseByRef(app.db, urgent)!.id).filter((e) => e.kind === 'escalated')).toHaveLength(3);
  });

  it('the times come from configuration', async () => {
    app = createTestApp({ env: { ...casesTestEnv, CASE_ESCALATE_MINUTES: '30' } });
    await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const ref = await report(u, '1');
    app.manualClock.advance(30 * 60_000);
    expect(runEscalation(app.services)).toEqual([ref]);
  });
});
