/** Case operations the dashboard adds: assigning to an officer account, referral, internal notes. */
import { afterEach, describe, expect, it } from 'vitest';
import { addOfficer } from '../officers/accounts.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { createTestApp } from '../../testing/harness.js';
import { addNote, assignCaseToAccount, referCase } from './ops.js';
import { caseByRef, caseEvents } from './cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

describe('case operations from the dashboard', () => {
  it('an account takes a case, refers it to the police and notes something: the reporter hears the first two, never the note', async () => {
    app = createTestApp({ env: casesTestEnv });
    const chatOfficer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    await typeAll(u, ['1', '1', '1', '1', '1', '-', 'Siti', '-', 'Gaji belum dibayar.', 'selesai', '-', '1']);
    const { ref } = refAndPin(await u.say('1'));
    u.replies();
    const { officer } = await addOfficer(app.db, { username: 'ana', password: 'correct horse battery staple' }, app.clock.now());
    const c = caseByRef(app.db, ref)!;
    const actor = `dashboard:${officer.id}`;

    app.services.notifier.transaction(({ toContact: notify }) => assignCaseToAccount(app.db, notify, c, actor, officer, app.clock.now()));
    expect(u.replies()).toEqual([tr(app, 'id', 'case.assigned', { ref })]);
    expect(app.db.prepare('SELECT assignee_officer_id, assignee_contact_id FROM cases WHERE id = ?').get(c.id)).toEqual({ assignee_officer_id: officer.id, assignee_contact_id: null });

    app.services.notifier.transaction(({ toContact: notify }) => referCase(app.db, notify, c, actor, 'Referred to: Police', 'Laporan polisi nomor 12.', app.clock.now()));
    const told = u.replies().join('\n');
    expect(told).toContain('Laporan polisi nomor 12.');
    expect(told).not.toContain('Referred to');
    addNote(app.db, c, actor, 'Prefers evening calls.', app.clock.now());
    expect(u.replies()).toEqual([]);
    expect(caseByRef(app.db, ref)!.status).toBe('referred');
    expect(caseEvents(app.db, c.id).slice(-4).map((e) => [e.kind, e.actor, e.text])).toEqual([
      ['assigned', actor, `account:${officer.id}`],
      ['status', actor, 'Laporan polisi nomor 12.'],
      ['note', actor, 'Referred to: Police'],
      ['note', actor, 'Prefers evening calls.'],
    ]);

    // A chat officer reading /case sees who acted on the dashboard and that notes exist.
    const shown = (await chatOfficer.say(`/case ${ref}`)).join('\n');
    expect(shown).toContain('dashboard: ana: added a note');
    expect(shown).toContain('Prefers evening calls.');
  });

  it('/assign by a chat officer whose chat is linked to an account records the account too', async () => {
    app = createTestApp({ env: casesTestEnv });
    const chatOfficer = await startOfficer(app, 'en');
    const { officer } = await addOfficer(app.db, { username: 'budi', password: 'correct horse battery staple', chat: `telegram:${chatOfficer.chatId}` }, app.clock.now());
    const u = await startUser(app, 'en');
    await typeAll(u, ['1', '1', '1', '1', '1', '-', 'Siti', '-', 'My employer has not paid me for three months.', 'done', '-', '1']);
    const { ref } = refAndPin(await u.say('1'));
    await chatOfficer.say(`/assign ${ref} me`);
    expect(app.db.prepare('SELECT assignee_officer_id FROM cases WHERE ref = ?').pluck().get(ref)).toBe(officer.id);
  });
});
