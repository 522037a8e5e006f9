/**
 * Attack: burying real alerts. 30 new anonymous web-chat visitors type `sos` within seconds; the
 * officers get the first few one by one and the rest as ONE grouped alert with a flood warning. A
 * known reporter's emergency in the middle still comes on its own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { WebVisitor } from '../../testing/webVisitor.js';
import { refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { ALERTS_BEFORE_GROUPING } from '../../domain/cases/alertFlood.js';
import { addressNo, startWebApp } from './attackKit.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

describe('alert flood', () => {
  it('30 anonymous sos within seconds reach officers as 3 alerts plus one grouped alert; a known reporter is alerted on its own', async () => {
    const { app, base } = await startWebApp();
    apps.push(app);
    const officer = await startOfficer(app, 'en');
    const reporter = await startUser(app, 'en');
    await typeAll(reporter, ['1', '1', '1', '1', '1', '-', '-', '-', 'My passport is held by the employer.', 'done', '-', '1']);
    refAndPin(await reporter.say('1'));
    officer.replies();

    for (let i = 0; i < 30; i++) {
      const v = new WebVisitor(base, addressNo(40 + i));
      await v.open();
      expect(await v.post('sos')).toBe(200);
      if (i === 15) await reporter.say('sos');
    }
    const sosAlert = (t: string) => t.includes('emergency word') && !t.includes('ALERT FLOOD');
    const individually = officer.replies().filter(sosAlert);
    // The known reporter's alert is among them: it is never held.
    expect(individually).toHaveLength(ALERTS_BEFORE_GROUPING + 1);

    const digest = app.jobs().find((j) => j.name === 'alert-flood-digest')!;
    await digest.run();
    const grouped = officer.replies();
    expect(grouped).toHaveLength(1);
    expect(grouped[0]).toContain(tr(app, 'en', 'officer.alertFlood', { count: 30, grouped: 27 }));
    expect(grouped[0].split('\n').filter((l) => l.startsWith('• '))).toHaveLength(27);
    // Nothing left to send the next minute.
    await digest.run();
    expect(officer.replies()).toEqual([]);
    console.log(`attack alert flood: 30 anonymous sos → ${ALERTS_BEFORE_GROUPING} alerts + 1 grouped alert listing 27; the known reporter's sos alerted on its own`);
  }, 60_000);
});
