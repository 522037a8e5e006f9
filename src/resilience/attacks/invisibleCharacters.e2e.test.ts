/**
 * Attack: disguising text for officers. A reporter names a file `‮gnp.exe` (a right-to-left
 * override: it reads as "exe.png") and hides zero-width characters in a name. The text is stored
 * as typed; officers see the controls as ⟨U+202E⟩ in officer chat and on the dashboard.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { revealInvisible } from '../../core/revealInvisible.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { DashboardClient } from '../../testing/dashboardClient.js';
import { refAndPin, startOfficer, startUser, typeAll } from '../../testing/cases.js';
import { startWebApp } from './attackKit.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});
const STORY = 'My employer sent \u202Egnp.exe and Ma\u200Bria signed\u2066 it';

describe('invisible characters', () => {
  it('are stored as typed and shown to officers as code points, in chat and on the dashboard', async () => {
    const { app, base } = await startWebApp({ DEFAULT_LANGUAGE: 'en' });
    apps.push(app);
    const officer = await startOfficer(app, 'en');
    const victim = await startUser(app, 'en');
    await typeAll(victim, ['1', '1', '1', '1', '1', '-', '-', '-', STORY, 'done', '-', '1']);
    const { ref } = refAndPin(await victim.say('1'));
    expect(app.db.prepare('SELECT description FROM cases WHERE ref = ?').pluck().get(ref)).toBe(STORY);

    officer.replies();
    const shown = (await officer.say(`/case ${ref}`)).join('\n');
    expect(shown).toContain('sent ⟨U+202E⟩gnp.exe and Ma⟨U+200B⟩ria signed⟨U+2066⟩ it');
    expect(shown).not.toMatch(/[\u202E\u200B\u2066]/);

    await addOfficer(app.db, { username: 'ana', password: 'correct horse battery staple', role: 'admin' }, Date.now());
    const c = new DashboardClient(base);
    await c.login('ana', 'correct horse battery staple');
    const page = (await c.get(`/dashboard/cases/${ref}`)).html;
    expect(page).toContain('⟨U+202E⟩gnp.exe');
    expect(page).not.toMatch(/[\u202E\u200B\u2066]/);
    // Emoji sequences stay whole.
    expect(revealInvisible('👨\u200D👩\u200D👧 ok\u200D')).toBe('👨\u200D👩\u200D👧 ok⟨U+200D⟩');
    console.log('attack invisible characters: stored as typed, shown as ⟨U+202E⟩ in officer chat and the dashboard');
  }, 60_000);
});
