/**
 * Attack: guessing a case PIN with fresh anonymous identities. Each web-chat cookie is a new chat,
 * so the per-chat limit alone let one address make ~113 guesses a second. Now wrong PINs count per
 * client address and per case reference (across every chat and channel).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { addressNo, englishVisitor, startWebApp } from './attackKit.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

/** Files a report from a console chat; returns its reference, PIN and the reporter. */
async function fileCase(app: App) {
  const victim = await startUser(app, 'en');
  await typeAll(victim, ['1', '1', '1', '1', '1', '-', '-', '-', 'My passport is held by the employer.', 'done', '-', '1']);
  return { victim, ...refAndPin(await victim.say('1')) };
}

/** One guess through the web chat: "check my report", another reference, ref, PIN; returns the answer. */
async function guess(app: App, base: string, address: string, ref: string, pin: string): Promise<string> {
  const v = await englishVisitor(base, address);
  for (const t of ['2', '1', ref]) await v.post(t);
  await app.drain();
  await v.news();
  expect(await v.post(pin)).toBe(200);
  await app.drain();
  return (await v.news()).join('\n');
}

const audits = (app: App, action: string) =>
  app.db.prepare('SELECT subject, detail FROM audit WHERE action = ? ORDER BY id').all(action) as { subject: string | null; detail: string | null }[];

describe('PIN guessing', () => {
  it('one address with a new cookie per guess: refused after 10 wrong PINs, even the right one', async () => {
    const { app, base } = await startWebApp();
    apps.push(app);
    const { ref, pin } = await fileCase(app);
    const notMatched = tr(app, 'en', 'caseStatus.notMatched');
    const locked = tr(app, 'en', 'caseStatus.locked');
    const answers: string[] = [];
    // Unknown references, so the per-reference lock plays no part: only the address counts.
    for (let i = 0; i < 12; i++) answers.push(await guess(app, base, addressNo(1), `BWI-2611-${String(9000 + i)}`, '123456'));
    expect(answers.slice(0, 10).every((a) => a.includes(notMatched))).toBe(true);
    expect(answers.slice(10).every((a) => a.includes(locked))).toBe(true);
    expect(await guess(app, base, addressNo(1), ref, pin)).toContain(locked);
    // Another address is not affected by this one.
    expect(await guess(app, base, addressNo(2), ref, pin)).toContain(ref);
    const wrong = audits(app, 'case_pin_wrong');
    expect(wrong).toHaveLength(10);
    expect(wrong[0].subject).toBe('BWI-2611-9000');
    console.log(`attack pin/address: 13 guesses from one address with 13 cookies, ${answers.filter((a) => a.includes(locked)).length + 1} refused after the 10th wrong PIN`);
  }, 60_000);

  it('many addresses against one reference: locked after 10 wrong PINs, officers told, the reporter still reads the case', async () => {
    const { app, base } = await startWebApp();
    apps.push(app);
    const officer = await startOfficer(app, 'en');
    const { victim, ref, pin } = await fileCase(app);
    officer.replies();
    const wrong = pin === '000000' ? '111111' : '000000';
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) answers.push(await guess(app, base, addressNo(10 + i), ref, wrong));
    expect(answers.every((a) => a.includes(tr(app, 'en', 'caseStatus.notMatched')))).toBe(true);
    // The 11th address has the right PIN, and is still refused: the reference is locked.
    expect(await guess(app, base, addressNo(30), ref, pin)).toContain(tr(app, 'en', 'caseStatus.locked'));
    expect(officer.replies().join('\n')).toContain(tr(app, 'en', 'officer.pinGuessing', { ref, tries: 10, hours: 1 }));
    // The reporter's own chat is never locked out.
    expect((await victim.say('menu'), await victim.say('2')).join('\n')).toContain(ref);
    const rows = audits(app, 'case_pin_wrong');
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.subject === ref)).toBe(true);
    expect(audits(app, 'case_pin_ref_locked')).toEqual([{ subject: ref, detail: '1 h' }]);
    console.log('attack pin/reference: 10 wrong PINs from 10 addresses, then the right PIN refused; officers told');
  }, 60_000);
});
