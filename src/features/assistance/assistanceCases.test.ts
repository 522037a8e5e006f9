import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../core/types.js';
import { caseByRef, caseEvents } from '../../domain/cases/cases.js';
import { createTestApp, type TestUser } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

/** Asks for help (not sure which program) through the assistance menu; returns the reference. */
async function askForHelp(u: TestUser, need: string, who = '2'): Promise<{ ref: string; replies: string[] }> {
  await typeAll(u, ['5', '2', '5', who, 'Desa Kemiren, Glagah', need, '1']);
  const replies = await u.say('1');
  const ref = /\*([A-Z]{2,6}-\d{4}-\d{4,})\*/.exec(replies.join('\n'))?.[1];
  if (!ref) throw new Error(`no reference in ${replies.join('\n')}`);
  return { ref, replies };
}

const PROGRAM: Record<Lang, string> = {
  id: 'Belum tahu / bantuan lain',
  en: 'Not sure / other help',
  jv: 'Dereng ngertos / pambiyantu sanesipun',
};

describe('assistance requests are cases', () => {
  it('officers see a request in /cases and /case with its kind and program; /reply and /status reach the family in Javanese', async () => {
    app = createTestApp({ env: casesTestEnv });
    const officer = await startOfficer(app, 'en');
    const family = await startUser(app, 'jv');
    const { ref } = await askForHelp(family, 'Wragad sekolah anak kula');
    expect(officer.replies().join('\n')).toContain(`New assistance request ${ref}: ${PROGRAM.en}. For: a migrant worker's family.`);

    const list = (await officer.say('/cases')).join('\n');
    expect(list).toContain(`${ref} · Assistance: ${PROGRAM.en} · new · 0 h · unassigned`);
    const view = (await officer.say(`/case ${ref}`)).join('\n');
    expect(view).toContain(`${ref} (assistance request) · status: new`);
    expect(view).toContain(`• Program: ${PROGRAM.en}\n• For: a migrant worker's family\n• Home: Glagah, Desa Kemiren\n• Phone given: -`);
    expect(view).toContain('What they need:\nWragad sekolah anak kula');

    expect((await officer.say(`/reply ${ref} Please bring the school letter to the village office on Monday.`))[0]).toBe(`Sent to the reporter of ${ref}.`);
    expect(family.replies()).toEqual([
      `${tr(app, 'jv', 'case.officerReplied', { ref })}\nPlease bring the school letter to the village office on Monday.\n${tr(app, 'jv', 'case.howToAnswer')}`,
    ]);
    expect((await officer.say(`/status ${ref} in_progress`))[0]).toBe(`${ref} is now: in progress. The reporter has been told.`);
    expect(family.replies()).toEqual([`Kabar laporan panjenengan ${ref}: saweg dipuntangani petugas.`]);

    // "Check my report" lists it under the program's name, with the officer's last message
    // (after an officer wrote, the next message is an answer to them: the menu comes first).
    await family.say('menu');
    const mine = (await family.say('2')).join('\n');
    expect(mine).toContain(`• ${ref} (${PROGRAM.jv}, `);
    expect(mine).toContain('Please bring the school letter');
    const c = caseByRef(app.db, ref)!;
    expect(caseEvents(app.db, c.id).map((e) => e.kind)).toEqual(['created', 'message_out', 'status']);
  });

  it('complaints and assistance requests share one reference counter and format; the PIN opens a request from another phone', async () => {
    app = createTestApp({ env: casesTestEnv });
    await startOfficer(app, 'id');
    const worker = await startUser(app, 'id');
    await typeAll(worker, ['1', '1', '1', '1', '1', '-', 'Siti', '-', 'Gaji saya belum dibayar.', 'selesai', '-', '1']);
    const first = refAndPin(await worker.say('1')).ref;
    const family = await startUser(app, 'en');
    const { ref: second, replies } = await askForHelp(family, 'School fees for my son');
    const pin = /PIN: \*(\d{6})\*/.exec(replies.join('\n'))?.[1] ?? /\*(\d{6})\*/.exec(replies[1])?.[1];
    await typeAll(worker, ['menu']);
    await typeAll(worker, ['1', '1', '1', '1', '1', '-', 'Siti', '-', 'Paspor saya ditahan.', 'selesai', '-', '1']);
    const third = refAndPin(await worker.say('1')).ref;
    expect([first, second, third]).toEqual(['BWI-2611-0001', 'BWI-2611-0002', 'BWI-2611-0003']);
    expect(caseByRef(app.db, second)?.kind).toBe('assistance');

    const other = await startUser(app, 'en');
    await typeAll(other, ['2', '1', second]);
    const opened = (await other.say(pin!)).join('\n');
    expect(opened).toContain(`• ${second} (${PROGRAM.en}, `);
    expect(opened).toContain('received, waiting for an officer');
  });

  it('delete my data erases the request’s details and keeps only the program for statistics', async () => {
    app = createTestApp({ env: casesTestEnv });
    const family = await startUser(app, 'id');
    const { ref } = await askForHelp(family, 'Modal usaha warung', '3');
    expect((await family.say('data saya'))[0]).toContain(`• ${ref}: `);
    await family.say('hapus data');
    expect((await family.say('1'))[0]).toBe(tr(app, 'id', 'account.deleted'));
    const c = caseByRef(app.db, ref)!;
    expect(c).toMatchObject({ kind: 'assistance', category: 'unsure', reporterContactId: null, details: null });
    expect(c.erasedAt).not.toBeNull();
    expect(JSON.stringify(app.db.prepare('SELECT * FROM cases').all())).not.toContain('Kemiren');
  });
});
