/** Routing rules put every new case in a team (by category, by country, first match wins); team inboxes filter by it. */
import { afterEach, describe, expect, it } from 'vitest';
import { caseById, caseByRef, createCase } from '../../domain/cases/cases.js';
import { completeEmergencyCase } from '../../domain/cases/emergency.js';
import { filterParams, findCases, parseFilter } from '../../domain/cases/inbox.js';
import { addRoutingRule, deleteRoutingRule, moveRoutingRule, routeFor, routingRules } from '../../domain/cases/routing.js';
import { addTeamMember, createTeam, deleteTeam, teamNameProblem, teamOfCase } from '../../domain/cases/teams.js';
import { openAssistanceRequest } from '../../domain/assistance/requests.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, typeAll } from '../../testing/cases.js';
import { type TestUser, createTestApp } from '../../testing/harness.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const teamOf = (ref: string) => teamOfCase(app.db, caseByRef(app.db, ref)!.id)?.name ?? null;

/** Files a report for oneself: category and country by their menu numbers (country 1 Hong Kong, 2 Taiwan, 3 Malaysia). */
async function report(u: TestUser, category: string, country: string): Promise<string> {
  await typeAll(u, ['1', '1', '1', category, country, '-', '-', '-', 'Cerita saya.', 'done', '-', '1']);
  const { ref } = refAndPin(await u.say('1'));
  await u.say('1');
  return ref;
}

function seedTeams() {
  const now = app.clock.now();
  const desk = createTeam(app.db, 'Regency desk', now);
  const taiwan = createTeam(app.db, 'BP3MI Jawa Timur', now);
  const wages = createTeam(app.db, 'Wages desk', now);
  const satgas = createTeam(app.db, 'Satgas recruitment', now);
  // Order matters: unpaid wages in Taiwan go to the Taiwan desk (first rule), other unpaid wages to the wages desk.
  addRoutingRule(app.db, { category: 'wages_unpaid', country: 'TW', teamId: taiwan }, now);
  addRoutingRule(app.db, { category: 'wages_unpaid', country: null, teamId: wages }, now);
  addRoutingRule(app.db, { category: null, country: 'MY', teamId: desk }, now);
  addRoutingRule(app.db, { category: 'recruiter_tip', country: null, teamId: satgas }, now);
  return { desk, taiwan, wages, satgas };
}

describe('routing new cases to teams', () => {
  it('routes chat reports by category and by destination country, first matching rule first; no match, no team', async () => {
    app = createTestApp({ env: casesTestEnv });
    const t = seedTeams();
    const u = await startUser(app, 'id');
    const wagesHongKong = await report(u, '1', '1');
    const wagesTaiwan = await report(u, '1', '2');
    const documentsMalaysia = await report(u, '3', '3');
    const documentsHongKong = await report(u, '3', '1');
    expect(teamOf(wagesHongKong)).toBe('Wages desk');
    expect(teamOf(wagesTaiwan)).toBe('BP3MI Jawa Timur');
    expect(teamOf(documentsMalaysia)).toBe('Regency desk');
    expect(teamOf(documentsHongKong)).toBeNull();

    // Moving the Malaysia rule first changes where the next Malaysian wages case goes.
    const malaysiaRule = routingRules(app.db).find((r) => r.country === 'MY')!.id;
    expect(routeFor(app.db, 'wages_unpaid', 'MY')).toBe(t.wages);
    moveRoutingRule(app.db, malaysiaRule, 'up');
    moveRoutingRule(app.db, malaysiaRule, 'up');
    expect(routingRules(app.db).map((r) => r.teamName)).toEqual(['Regency desk', 'BP3MI Jawa Timur', 'Wages desk', 'Satgas recruitment']);
    expect(teamOf(await report(u, '1', '3'))).toBe('Regency desk');
    deleteRoutingRule(app.db, malaysiaRule);
    expect(routeFor(app.db, 'documents_held', 'MY')).toBeNull();
  });

  it('routes the anonymous recruiter tip by its category, and an urgent case by the `emergency` category', async () => {
    app = createTestApp({ env: casesTestEnv });
    const t = seedTeams();
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'jv');
    await typeAll(u, ['6', '7', '1', 'Pak Slamet, calo', '6', 'Kembiritan', 'warung', 'Nyambut damel ing Malaysia', 'Arta 5 yuta']);
    const { ref } = refAndPin(await u.say('1'));
    expect(caseByRef(app.db, ref)).toMatchObject({ category: 'recruiter_tip', anonymous: true });
    expect(teamOf(ref)).toBe('Satgas recruitment');
    expect(officer.replies().join('\n')).toContain(`New report ${ref}`);

    addRoutingRule(app.db, { category: 'emergency', country: null, teamId: t.desk }, app.clock.now());
    const { id } = createCase(app.db, { reporterContactId: null, anonymous: true, category: 'emergency', urgent: true, urgentReason: 'sos', now: app.clock.now(), config: app.config });
    expect(teamOfCase(app.db, id)?.id).toBe(t.desk);
  });

  it('an urgent case no rule took is routed by its real category and country when the full report arrives; one already routed keeps its team', async () => {
    app = createTestApp({ env: casesTestEnv });
    const t = seedTeams();
    const now = app.clock.now();
    const open = () => caseById(app.db, createCase(app.db, { reporterContactId: null, category: 'emergency', urgent: true, urgentReason: 'sos', now, config: app.config }).id)!;
    const full = { anonymous: false, onBehalf: 'self' as const, category: 'wages_unpaid', country: 'TW', countryText: null, city: null, workerName: null, agencyText: null, description: 'x', contactPref: 'any' as const, safeTime: null, language: 'id' as const };
    const loose = open();
    expect(teamOfCase(app.db, loose.id)).toBeUndefined();
    completeEmergencyCase(app.db, loose, full, now, app.config.DATA_DIR);
    expect(teamOfCase(app.db, loose.id)?.id).toBe(t.taiwan);

    addRoutingRule(app.db, { category: 'emergency', country: null, teamId: t.desk }, now);
    const crisis = open();
    completeEmergencyCase(app.db, crisis, full, now, app.config.DATA_DIR);
    expect(teamOfCase(app.db, crisis.id)?.id).toBe(t.desk);
  });

  it('an assistance request is routed by a rule on its program', async () => {
    app = createTestApp({ env: casesTestEnv });
    const team = createTeam(app.db, 'Social desk', app.clock.now());
    addRoutingRule(app.db, { category: 'economic', country: null, teamId: team }, app.clock.now());
    const contact = app.contacts.upsert('console', 'a1', app.clock.now(), false);
    const created = app.notifier.transaction(({ toContact }) =>
      openAssistanceRequest(app.db, toContact, { contactId: contact.id, program: 'economic', who: 'exworker', village: 'Genteng', reach: 'chat', need: 'Modal usaha', language: 'id' }, app.config, app.clock.now()),
    );
    expect(teamOfCase(app.db, created.id)?.name).toBe('Social desk');
  });

  it('team inboxes: the team filter (id, none, my teams) and the team on each row', async () => {
    app = createTestApp({ env: casesTestEnv });
    const t = seedTeams();
    const ana = (await addOfficer(app.db, { username: 'ana', password: 'correct horse battery staple' }, 0)).officer;
    addTeamMember(app.db, t.wages, ana.id);
    addTeamMember(app.db, t.desk, ana.id);
    const u = await startUser(app, 'en');
    const wages = await report(u, '1', '1');
    const taiwan = await report(u, '1', '2');
    const malaysia = await report(u, '3', '3');
    const none = await report(u, '3', '1');
    const refs = (q: Record<string, string>) => findCases(app.db, parseFilter(q), ana).rows.map((r) => r.ref).sort();
    expect(refs({ team: String(t.taiwan) })).toEqual([taiwan]);
    expect(refs({ team: 'none' })).toEqual([none]);
    expect(refs({ team: 'mine' })).toEqual([wages, malaysia].sort());
    expect(refs({})).toHaveLength(4);
    expect(parseFilter({ team: '1; DROP' }).team).toBeNull();
    expect(filterParams(parseFilter({ team: 'mine', status: 'all' })).toString()).toBe('status=all&team=mine');
    const row = findCases(app.db, parseFilter({ q: taiwan }), ana).rows[0];
    expect(row.team).toBe('BP3MI Jawa Timur');
    // A deleted team leaves its cases without a team.
    deleteTeam(app.db, t.taiwan);
    expect(teamOf(taiwan)).toBeNull();
    expect(routingRules(app.db).some((r) => r.teamId === t.taiwan)).toBe(false);
    expect(teamNameProblem(app.db, 'wages DESK')).toBe('taken');
    expect(teamNameProblem(app.db, '')).toBe('empty');
  });
});
