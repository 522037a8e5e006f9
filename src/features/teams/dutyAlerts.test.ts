/**
 * Chat alerts on duty first, under a manual clock: officers on duty (the case's team first) hear a
 * new case at once, officers marked away after ALERT_AWAY_DELAY_SECONDS unless someone opened or
 * acted on it; nobody on duty, everyone at once; the waiting alert survives a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addOfficer } from '../../domain/officers/accounts.js';
import { setAway } from '../../domain/officers/workspace.js';
import { waitingAlerts } from '../../domain/cases/dutyAlerts.js';
import { addRoutingRule } from '../../domain/cases/routing.js';
import { addTeamMember, createTeam } from '../../domain/cases/teams.js';
import { refAndPin, refIn, startOfficer, startUser, typeAll } from '../../testing/cases.js';
import { PRIORITY } from '../../outbox/store.js';
import { type TestUser, createTestApp, tempDataDir } from '../../testing/harness.js';
import { runDueAlerts } from './teams.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const DELAY_S = 300;
const PASSWORD = 'correct horse battery staple';
const env = { OFFICER_TELEGRAM_IDS: '9001,9002,9003', ALERT_AWAY_DELAY_SECONDS: String(DELAY_S) };

async function report(u: TestUser, category = '1'): Promise<string> {
  await typeAll(u, ['1', '1', '1', category, '2', '-', '-', '-', 'Gaji saya belum dibayar.', 'done', '-', '1']);
  const { ref } = refAndPin(await u.say('1'));
  await u.say('1');
  return ref;
}

/** Three officer chats: ana (9001) and budi (9002) have dashboard accounts, 9003 has none. */
async function officers() {
  const chats = { ana: await startOfficer(app, 'en', '9001'), budi: await startOfficer(app, 'id', '9002'), other: await startOfficer(app, 'en', '9003') };
  const ana = (await addOfficer(app.db, { username: 'ana', password: PASSWORD, chat: 'telegram:9001' }, 0)).officer;
  const budi = (await addOfficer(app.db, { username: 'budi', password: PASSWORD, chat: 'telegram:9002' }, 0)).officer;
  return { chats, ana, budi };
}

const alerted = (o: TestUser, ref: string) => o.replies().some((r) => r.includes(`${ref}:`) && /New report|Laporan baru/.test(r));

describe('chat alerts: on duty first', () => {
  it('officers on duty hear a new case at once; an officer away hears it after the delay if nobody opened it', async () => {
    app = createTestApp({ env });
    const { chats, budi } = await officers();
    setAway(app.db, budi.id, true, 0);
    const u = await startUser(app, 'id');
    const ref = await report(u);
    expect(alerted(chats.ana, ref)).toBe(true);
    expect(alerted(chats.other, ref)).toBe(true);
    expect(chats.budi.replies()).toEqual([]);
    expect(waitingAlerts(app.db)).toEqual([expect.objectContaining({ recipients: [chats.budi.contact()!.id] })]);

    app.manualClock.advance((DELAY_S - 1) * 1000);
    expect(runDueAlerts(app.services)).toEqual({ sent: 0, handled: 0 });
    expect(chats.budi.replies()).toEqual([]);
    app.manualClock.advance(1000);
    expect(runDueAlerts(app.services)).toEqual({ sent: 1, handled: 0 });
    const late = chats.budi.replies();
    expect(late).toHaveLength(1);
    expect(late[0]).toContain(`Laporan baru ${ref}: Gaji tidak dibayar`);
    // Sent once, never again.
    app.manualClock.advance(DELAY_S * 1000);
    expect(runDueAlerts(app.services)).toEqual({ sent: 0, handled: 0 });
    expect(waitingAlerts(app.db)).toEqual([]);
  });

  it('an officer who opened the case in time spares the officers away', async () => {
    app = createTestApp({ env });
    const { chats, budi } = await officers();
    setAway(app.db, budi.id, true, 0);
    const u = await startUser(app, 'en');
    const ref = await report(u);
    app.manualClock.advance(60_000);
    await chats.ana.say(`/case ${ref}`);
    app.manualClock.advance(DELAY_S * 1000);
    expect(runDueAlerts(app.services)).toEqual({ sent: 0, handled: 1 });
    expect(chats.budi.replies()).toEqual([]);
    expect(waitingAlerts(app.db)).toEqual([]);
  });

  it('an emergency word: the urgent alert goes to officers on duty at once, in the urgent lane to those away after the delay', async () => {
    app = createTestApp({ env });
    const { chats, budi } = await officers();
    setAway(app.db, budi.id, true, 0);
    const u = await startUser(app, 'en');
    const ref = refIn(await u.say('sos'));
    expect(chats.ana.replies().join('\n')).toContain(`Emergency ${ref}`);
    expect(chats.other.replies().join('\n')).toContain(`Emergency ${ref}`);
    expect(chats.budi.replies()).toEqual([]);
    app.manualClock.advance(DELAY_S * 1000);
    expect(runDueAlerts(app.services)).toEqual({ sent: 1, handled: 0 });
    const late = app.db.prepare("SELECT payload, priority FROM outbox WHERE chat_id = '9002' ORDER BY id DESC LIMIT 1").get() as { payload: string; priority: number };
    expect(JSON.parse(late.payload).text).toContain(`Darurat ${ref}`);
    expect(late.priority).toBe(PRIORITY.urgent);
  });

  it('an alert acknowledged on the dashboard in time is not sent to officers away', async () => {
    app = createTestApp({ env });
    const { chats, ana, budi } = await officers();
    setAway(app.db, budi.id, true, 0);
    const ref = refIn(await (await startUser(app, 'id')).say('darurat'));
    app.manualClock.advance(30_000);
    app.audit.record(app.clock.now(), `dashboard:${ana.id}`, 'alert_acknowledged', ref);
    app.manualClock.advance(DELAY_S * 1000);
    expect(runDueAlerts(app.services)).toEqual({ sent: 0, handled: 1 });
    expect(chats.budi.replies()).toEqual([]);
  });

  it('nobody on duty: every officer chat hears it at once', async () => {
    app = createTestApp({ env: { ...env, OFFICER_TELEGRAM_IDS: '9001,9002' } });
    const chats = { ana: await startOfficer(app, 'en', '9001'), budi: await startOfficer(app, 'id', '9002') };
    const ana = (await addOfficer(app.db, { username: 'ana', password: PASSWORD, chat: 'telegram:9001' }, 0)).officer;
    const budi = (await addOfficer(app.db, { username: 'budi', password: PASSWORD, chat: 'telegram:9002' }, 0)).officer;
    setAway(app.db, ana.id, true, 0);
    setAway(app.db, budi.id, true, 0);
    const ref = await report(await startUser(app, 'jv'));
    expect(alerted(chats.ana, ref)).toBe(true);
    expect(alerted(chats.budi, ref)).toBe(true);
    expect(waitingAlerts(app.db)).toEqual([]);
  });

  it('an officer on duty whose chat the platform refused does not count: then everyone hears it at once', async () => {
    app = createTestApp({ env: { ...env, OFFICER_TELEGRAM_IDS: '9001,9002' } });
    const chats = { ana: await startOfficer(app, 'en', '9001'), budi: await startOfficer(app, 'id', '9002') };
    await addOfficer(app.db, { username: 'ana', password: PASSWORD, chat: 'telegram:9001' }, 0);
    const budi = (await addOfficer(app.db, { username: 'budi', password: PASSWORD, chat: 'telegram:9002' }, 0)).officer;
    setAway(app.db, budi.id, true, 0);
    app.db.prepare('UPDATE contacts SET unreachable_at = ? WHERE id = ?').run(app.clock.now(), chats.ana.contact()!.id);
    const ref = await report(await startUser(app, 'id'));
    expect(alerted(chats.budi, ref)).toBe(true);
    expect(waitingAlerts(app.db)).toEqual([]);
  });

  it("the case's team members on duty hear it first; everyone else after the delay", async () => {
    app = createTestApp({ env });
    const { chats, budi } = await officers();
    const team = createTeam(app.db, 'Wages desk', 0);
    addTeamMember(app.db, team, budi.id);
    addRoutingRule(app.db, { category: 'wages_unpaid', country: null, teamId: team }, 0);
    const ref = await report(await startUser(app, 'id'));
    expect(alerted(chats.budi, ref)).toBe(true);
    expect(chats.ana.replies()).toEqual([]);
    expect(chats.other.replies()).toEqual([]);
    app.manualClock.advance(DELAY_S * 1000);
    expect(runDueAlerts(app.services)).toEqual({ sent: 2, handled: 0 });
    expect(alerted(chats.ana, ref)).toBe(true);
    expect(alerted(chats.other, ref)).toBe(true);

    // Team member away: the officers on duty hear it at once, the member later.
    setAway(app.db, budi.id, true, 0);
    const second = await report(await startUser(app, 'en'));
    expect(alerted(chats.ana, second)).toBe(true);
    expect(alerted(chats.other, second)).toBe(true);
    expect(chats.budi.replies()).toEqual([]);
    app.manualClock.advance(DELAY_S * 1000);
    runDueAlerts(app.services);
    expect(alerted(chats.budi, second)).toBe(true);
  });

  it('the waiting alert is kept in the database: after a restart it is still sent', async () => {
    const dir = tempDataDir();
    app = createTestApp({ env: { ...env, DATA_DIR: dir } });
    const { chats, budi } = await officers();
    setAway(app.db, budi.id, true, 0);
    const ref = await report(await startUser(app, 'id'));
    chats.budi.replies();
    const start = app.clock.now();
    await app.stop();

    app = createTestApp({ env: { ...env, DATA_DIR: dir } });
    app.manualClock.set(start + DELAY_S * 1000);
    expect(runDueAlerts(app.services)).toEqual({ sent: 1, handled: 0 });
    const rows = app.db.prepare("SELECT payload FROM outbox WHERE chat_id = '9002' ORDER BY id DESC LIMIT 1").pluck().all() as string[];
    expect(JSON.parse(rows[0]).text).toContain(`Laporan baru ${ref}`);
  });
});
