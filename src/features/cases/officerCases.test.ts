import { afterEach, describe, expect, it } from 'vitest';
import { caseByRef, caseEvents } from '../../domain/cases/cases.js';
import { createTestApp, TestUser } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

async function report(u: TestUser, category: string, story: string): Promise<string> {
  // An urgent report (violence, trafficking) is not asked the home district; "-" skips it in the others.
  const home = ['4', '11'].includes(category) ? [] : ['-'];
  await typeAll(u, ['1', '1', '1', category, '1', '-', '-', '-', story, 'done', ...home, '1']);
  const { ref } = refAndPin(await u.say('1'));
  await u.say('1'); // "Have you written them down?" yes
  return ref;
}

const audits = (action: string) => app.db.prepare('SELECT actor, subject, detail FROM audit WHERE action = ? ORDER BY id').all(action);

describe('officers by chat', () => {
  it('/reply reaches the reporter in the reporter’s language and is kept in the history', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const jv = await startUser(app, 'jv');
    const ref = await report(jv, '1', 'Bayaran kula dereng dipunbayar kalih wulan.');
    officer.replies();

    const answer = await officer.say(`/reply ${ref} We have called your agency.\nPlease keep your payslips.`);
    expect(answer[0]).toBe(`Sent to the reporter of ${ref}.`);
    expect(answer[1]).toBe(tr(app, 'en', 'officer.idle'));
    expect(jv.replies()).toEqual([
      `Pesen saking petugas babagan laporan panjenengan ${ref}:\nWe have called your agency.\nPlease keep your payslips.\n${tr(app, 'jv', 'case.howToAnswer')}`,
    ]);
    const c = caseByRef(app.db, ref)!;
    expect(caseEvents(app.db, c.id).at(-1)).toMatchObject({ kind: 'message_out', actor: `officer:${officer.contact()!.id}`, text: 'We have called your agency.\nPlease keep your payslips.' });
    expect(c.firstActionAt).not.toBeNull();
    expect(audits('case_replied')).toEqual([{ actor: `contact:${officer.contact()!.id}`, subject: ref, detail: null }]);
    // Any other text after a command returns the officer to the main menu.
    expect((await officer.say('thanks'))[0]).toMatch(/^Banyuwangi Migrant Workers' Helpline/);
  });

  it('/status changes reach the reporter in plain words with the note; /assign tells them someone is on it', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'id');
    const u = await startUser(app, 'id');
    const ref = await report(u, '3', 'Paspor saya ditahan majikan sejak Januari.');
    officer.replies();

    expect((await officer.say(`/assign ${ref} me`))[0]).toBe(`${ref} sekarang Anda tangani. Pelapor sudah diberi tahu.`);
    expect(u.replies()).toEqual([`Laporan Anda ${ref} sekarang ditangani oleh petugas.`]);
    expect((await officer.say(`/status ${ref} referred Diteruskan ke KJRI Hong Kong`))[0]).toBe(`${ref} sekarang: dirujuk. Pelapor sudah diberi tahu.`);
    expect(u.replies()).toEqual([`Kabar laporan Anda ${ref}: diteruskan ke instansi yang berwenang.\nCatatan dari petugas:\nDiteruskan ke KJRI Hong Kong`]);
    expect((await officer.say(`/status ${ref} done`))[0]).toBe(tr(app, 'id', 'officer.statusUsage', { statuses: 'new | in_progress | waiting | referred | resolved | closed' }));
    const c = caseByRef(app.db, ref)!;
    expect(c).toMatchObject({ status: 'referred', assigneeContactId: officer.contact()!.id });
    expect(caseEvents(app.db, c.id).map((e) => [e.kind, e.status])).toEqual([
      ['created', null],
      ['assigned', null],
      ['status', 'referred'],
    ]);
  });

  it('/cases lists open cases urgent first; /case shows the whole case and is audited; unknown references are named', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const first = await report(u, '1', 'My wages were not paid for 3 months.');
    const urgent = await report(u, '4', 'My employer hits me when I make mistakes.');
    officer.replies();

    const list = (await officer.say('/cases'))[0];
    expect(list.split('\n')).toEqual([
      'Open cases (2), urgent first:',
      `🚨 ${urgent} · Violence or abuse · new · 0 h · unassigned`,
      `${first} · Wages not paid · new · 0 h · unassigned`,
    ]);
    const view = (await officer.say(`/case ${urgent}`))[0];
    expect(view).toContain(`🚨 ${urgent} (report) · status: new · created 27-11 10:00 · handled by: unassigned`);
    expect(view).toContain('• Problem: Violence or abuse\n• Country: Hong Kong, city: -\n• Reported by: the worker');
    expect(view).toContain('What happened:\nMy employer hits me when I make mistakes.');
    expect(view).toContain('27-11 10:00 reporter: created the report');
    expect(audits('case_viewed')).toEqual([{ actor: `contact:${officer.contact()!.id}`, subject: urgent, detail: null }]);
    expect((await officer.say('/case BWI-2611-0999'))[0]).toBe('No case with reference BWI-2611-0999.');
    expect((await officer.say('/reply'))[0]).toBe(tr(app, 'en', 'officer.usage'));
  });

  it('a non-officer using officer commands is refused politely and the attempt is audited (all languages)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    const ref = await report(u, '1', 'My wages were not paid for 3 months.');
    officer.replies();
    for (const [lang, cmd] of [['en', `/reply ${ref} hello`], ['id', `/status ${ref} closed`], ['jv', '/cases']] as const) {
      const x = await startUser(app, lang);
      expect(await x.say(cmd)).toEqual([tr(app, lang, 'common.notAllowed')]);
      expect(audits('officer_command_refused').at(-1)).toEqual({ actor: `contact:${x.contact()!.id}`, subject: null, detail: cmd.slice(1).split(' ')[0] });
    }
    expect(caseByRef(app.db, ref)).toMatchObject({ status: 'new', firstActionAt: null });
    expect(caseEvents(app.db, caseByRef(app.db, ref)!.id)).toHaveLength(1);
    expect(u.replies()).toEqual([]);
  });

  it('an officer added in the database (contacts.role) can use the commands', async () => {
    app = createTestApp();
    const u = await startUser(app, 'en');
    const ref = await report(u, '1', 'My wages were not paid for 3 months.');
    const o = await startUser(app, 'en');
    app.db.prepare("UPDATE contacts SET role = 'officer' WHERE id = ?").run(o.contact()!.id);
    expect((await o.say('/cases'))[0]).toContain(ref);
  });

  it('replies to an anonymous report are kept for the reporter to read with the PIN', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    await typeAll(u, ['1', '2', '1', '1', '1', '-', '-', 'My wages were not paid for 3 months.', 'done', '-']);
    const { ref, pin } = refAndPin(await u.say('1'));
    officer.replies();
    expect((await officer.say(`/reply ${ref} Please call the Crisis Center.`))[0]).toBe(tr(app, 'en', 'officer.replyStored', { ref }));
    expect(u.replies()).toEqual([]);
    const shown = await typeAll(u, ['2', '1', ref, pin]);
    expect(shown.join('\n')).toContain('“Please call the Crisis Center.”');
  });
});
