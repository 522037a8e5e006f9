/** Referral to a team by chat (`/team REF NAME`): recorded, the team's officers alerted, the reporter told in their language. */
import { afterEach, describe, expect, it } from 'vitest';
import { caseByRef, caseEvents } from '../../domain/cases/cases.js';
import { addTeamMember, createTeam, teamOfCase } from '../../domain/cases/teams.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { setAway } from '../../domain/officers/workspace.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { type TestUser, createTestApp } from '../../testing/harness.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const TEAM = 'BP3MI Jawa Timur';

async function report(u: TestUser): Promise<string> {
  await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', 'Gaji saya belum dibayar.', 'done', '-', '1']);
  const { ref } = refAndPin(await u.say('1'));
  await u.say('1');
  return ref;
}

const TOLD = {
  id: (ref: string) => `Laporan Anda ${ref} sekarang ditangani oleh ${TEAM}. Anda tidak perlu melapor lagi.`,
  en: (ref: string) => `Your report ${ref} is now handled by ${TEAM}. You do not need to report again.`,
  jv: (ref: string) => `Laporan panjenengan ${ref} sapunika dipuntangani dening ${TEAM}. Panjenengan mboten perlu damel laporan malih.`,
};

/** Officer chat 9001 refers; budi's account (chat 9002, Indonesian) is in the team. */
async function setUp() {
  const officer = await startOfficer(app, 'en', '9001');
  const member = await startOfficer(app, 'id', '9002');
  const budi = (await addOfficer(app.db, { username: 'budi', password: 'correct horse battery staple', chat: 'telegram:9002' }, 0)).officer;
  const team = createTeam(app.db, TEAM, 0);
  addTeamMember(app.db, team, budi.id);
  createTeam(app.db, 'Regency desk', 0);
  return { officer, member, budi, team };
}

describe('referral to a team', () => {
  for (const lang of ['id', 'en', 'jv'] as const) {
    it(`[${lang}] /team moves the case, alerts the team's officer on duty and tells the reporter in plain words`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const { officer, member, team } = await setUp();
      const u = await startUser(app, lang);
      const ref = await report(u);
      officer.replies();
      member.replies();
      u.replies();

      const answer = await officer.say(`/team ${ref.toLowerCase()} bp3mi jawa timur`);
      expect(answer[0]).toBe(`${ref} is now with ${TEAM}. The reporter has been told; the team's officers on duty were alerted.`);
      expect(u.replies()).toEqual([TOLD[lang](ref)]);
      const alert = member.replies();
      expect(alert).toHaveLength(1);
      expect(alert[0]).toContain(`Kasus ${ref} (Gaji tidak dibayar, Hong Kong) dirujuk ke tim Anda, ${TEAM}.`);
      const c = caseByRef(app.db, ref)!;
      expect(teamOfCase(app.db, c.id)?.id).toBe(team);
      expect(caseEvents(app.db, c.id).at(-1)).toMatchObject({ kind: 'team', text: TEAM, actor: `officer:${officer.contact()!.id}` });
      expect(app.db.prepare("SELECT subject, detail FROM audit WHERE action = 'case_team'").all()).toEqual([{ subject: ref, detail: `team:${team}` }]);
      // The case history in chat names it.
      const shown = (await officer.say(`/case ${ref}`)).join('\n');
      expect(shown).toContain(`${tr(app, 'en', 'officer.event.team')}\n    ${TEAM}`);
      // …and says at the top which team holds it now.
      expect(shown).toContain(`Team: ${TEAM}`);
    });
  }

  it("the reporter's safe time holds the notice until their window opens", async () => {
    app = createTestApp({ env: casesTestEnv });
    const { officer } = await setUp();
    const u = await startUser(app, 'id');
    const ref = await report(u);
    // 11:00 in Hong Kong now; the worker asked to be messaged late at night only.
    app.db.prepare("UPDATE contacts SET safe_window = 'late_night', safe_zone = 'Asia/Hong_Kong' WHERE id = ?").run(u.contact()!.id);
    u.replies();
    await officer.say(`/team ${ref} ${TEAM}`);
    const row = app.db.prepare('SELECT payload, hold_reason, next_attempt_at FROM outbox WHERE contact_id = ? ORDER BY id DESC LIMIT 1').get(u.contact()!.id) as {
      payload: string;
      hold_reason: string | null;
      next_attempt_at: number;
    };
    expect(JSON.parse(row.payload).text).toBe(TOLD.id(ref));
    expect(row.hold_reason).toBe('safe_time');
    expect(row.next_attempt_at).toBeGreaterThan(app.clock.now());
  });

  it('an anonymous tipster is never told; a team member away is alerted when nobody in the team is on duty; wrong input is explained', async () => {
    app = createTestApp({ env: casesTestEnv });
    const { officer, member, budi } = await setUp();
    setAway(app.db, budi.id, true, 0);
    const u = await startUser(app, 'id');
    await typeAll(u, ['6', '7', '1', 'Pak Slamet, calo', '6', 'Kembiritan', 'warung', 'Kerja di Malaysia', 'Uang 5 juta']);
    const { ref } = refAndPin(await u.say('1'));
    officer.replies();
    member.replies();
    u.replies();

    expect((await officer.say(`/team ${ref} ${TEAM}`))[0]).toBe(
      `${ref} is now with ${TEAM}. The team's officers on duty were alerted. The reporter cannot be messaged (anonymous or asked not to be).`,
    );
    expect(u.replies()).toEqual([]);
    expect(member.replies().join('\n')).toContain(`Kasus ${ref}`);
    expect((await officer.say(`/team ${ref} ${TEAM}`))[0]).toBe(`${ref} is already with ${TEAM}.`);
    expect((await officer.say(`/team ${ref} Nowhere`))[0]).toBe(`There is no team named "Nowhere". Teams: ${TEAM}, Regency desk`);
    expect((await officer.say('/team'))[0]).toBe(`Use: /team REF TEAM NAME. Teams: ${TEAM}, Regency desk`);
    // Not an officer: refused like every officer command.
    expect((await u.say(`/team ${ref} Regency desk`))[0]).not.toContain('Regency desk is now');
    expect(teamOfCase(app.db, caseByRef(app.db, ref)!.id)?.name).toBe(TEAM);
  });
});
