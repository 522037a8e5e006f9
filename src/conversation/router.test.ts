import { afterEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import type { App } from '../app.js';
import { createLogger } from '../logger.js';
import { FEATURES } from '../features/index.js';
import type { FlowParts } from './registry.js';
import { createTestApp, TestUser } from '../testing/harness.js';
import { memoryLog } from '../testing/memoryLog.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

/** A feature whose action throws, to prove a failed turn saves nothing. */
const brokenFeature: FlowParts = {
  name: 'broken',
  actions: {
    'broken.write': (ctx) => {
      ctx.db.prepare("INSERT INTO kv (key, value) VALUES ('half-written', 'x')").run();
      throw new Error('database said no');
    },
  },
  flows: [{ id: 'broken', start: 'go', steps: { go: { call: 'broken.write', next: 'end' }, end: { end: true } } }],
  commands: { broken: { target: { flow: 'broken' }, officerOnly: false } },
};

describe('router', () => {
  it('the same platform message delivered twice produces one reply', async () => {
    app = createTestApp();
    const u = new TestUser(app);
    expect(await u.send('halo', { platformId: 'wamid.1' })).toBe('handled');
    expect(await u.send('halo', { platformId: 'wamid.1' })).toBe('duplicate');
    expect(u.replies()).toHaveLength(1);
    // The dedupe survives a restart: it is in the database, not in memory.
    const dir = app.config.DATA_DIR;
    await app.stop();
    app = createTestApp({ env: { DATA_DIR: dir } });
    const again = new TestUser(app, u.chatId);
    expect(await again.send('halo', { platformId: 'wamid.1' })).toBe('duplicate');
    expect(app.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(1);
  });

  it('two contacts typing at once each get their own answers, in order', async () => {
    app = createTestApp();
    const a = new TestUser(app);
    const b = new TestUser(app);
    await Promise.all([a.send('hi'), b.send('hallo')]);
    await Promise.all([a.send('2'), b.send('3'), a.send('2'), b.send('2'), a.send('6'), b.send('6'), a.send('2'), b.send('1')]);
    const first = (u: TestUser) => u.replies().map((t) => t.split('\n')[0]);
    expect(first(a)).toEqual([
      expect.stringContaining('Selamat datang'),
      expect.stringContaining('continue in English'),
      expect.stringContaining('Would you like to receive announcements'),
      expect.stringContaining('you will not receive announcements'),
      expect.stringContaining('How can we help'),
      'Safe migration info. Choose a topic:',
      'Watch for signs of illegal (non-procedural) recruitment:',
      expect.stringContaining('How can we help'),
    ]);
    expect(first(b)).toEqual([
      expect.stringContaining('Selamat datang'),
      expect.stringContaining('basa Jawa'),
      expect.stringContaining('wara-wara'),
      expect.stringContaining('wara-wara'),
      expect.stringContaining('Menapa ingkang saged'),
      'Info migrasi ingkang aman. Pilih topik:',
      'Saderengipun mangkat:',
      expect.stringContaining('Menapa ingkang saged'),
    ]);
  });

  it('a turn that throws saves nothing, apologises in the user language, and logs without the message', async () => {
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) as never);
    app = createTestApp({ features: [...FEATURES, brokenFeature], log });
    const u = new TestUser(app);
    await u.start('jv');
    const stateBefore = app.db.prepare('SELECT state FROM sessions').pluck().get();
    expect(await u.send('/broken secret-words-of-the-user')).toBe('error');
    expect(u.replies()).toEqual([expect.stringContaining('Nyuwun pangapunten, wonten gangguan')]);
    expect(app.db.prepare("SELECT COUNT(*) FROM kv WHERE key = 'half-written'").pluck().get()).toBe(0);
    expect(app.db.prepare('SELECT state FROM sessions').pluck().get()).toBe(stateBefore);
    // The failed message is not retried forever: it counts as seen.
    expect(await u.send('again', { platformId: 'x' })).toBe('handled');
    const errorLine = lines.find((l) => l.includes('turn failed'));
    expect(errorLine).toContain('database said no');
    expect(lines.join('')).not.toContain('secret-words-of-the-user');
    expect(errorLine).not.toContain(u.chatId);
  });

  it('officers listed in config are officers; everyone else is refused officer commands (and audited)', async () => {
    app = createTestApp({ env: { OFFICER_TELEGRAM_IDS: '777' } });
    const officer = new TestUser(app, '777', 'telegram');
    await officer.start('id');
    expect(officer.contact()?.role).toBe('officer');
    const other = new TestUser(app, '778', 'telegram');
    await other.start('id');
    expect(other.contact()?.role).toBe('user');
    expect(await other.say('/cases')).toEqual([app.translator.t('id', 'common.notAllowed')]);
    const rows = app.db.prepare("SELECT actor, action, detail FROM audit WHERE action = 'officer_command_refused'").all();
    expect(rows).toEqual([{ actor: `contact:${other.contact()!.id}`, action: 'officer_command_refused', detail: 'cases' }]);
  });

  it('a stored session of an older version migrates: the person continues where they were', async () => {
    app = createTestApp();
    const u = new TestUser(app);
    await u.start('en');
    await u.say('6');
    const id = u.contact()!.id;
    app.db.prepare('UPDATE sessions SET state = ?, version = 1 WHERE contact_id = ?').run('{"v":1,"flow":"safety","step":"menu","data":{},"trail":["menu"]}', id);
    // "2" in the safety menu (where the version-1 state left the person), not in the main menu.
    expect((await u.say('2'))[0]).toMatch(/^Watch for signs of illegal \(non-procedural\) recruitment:/);
    expect(app.db.prepare('SELECT version FROM sessions WHERE contact_id = ?').pluck().get(id)).toBe(2);
  });

  it('a stored state that cannot be continued is logged, audited, and the person is told plainly', async () => {
    const mem = memoryLog('info');
    app = createTestApp({ log: mem.log });
    const u = new TestUser(app);
    await u.start('id');
    const id = u.contact()!.id;
    app.db.prepare('UPDATE sessions SET state = ? WHERE contact_id = ?').run('{"v":2,"flow":"removedFlow","step":"gone","data":{},"trail":[],"paused":null,"kept":null}', id);
    const replies = await u.say('1');
    expect(replies[0]).toBe(app.translator.t('id', 'common.restarted'));
    expect(replies[1]).toContain('Apa yang bisa kami bantu?');
    expect(app.db.prepare("SELECT actor, detail FROM audit WHERE action = 'session_restarted'").all()).toEqual([{ actor: `contact:${id}`, detail: 'unknown step removedFlow/gone' }]);
    const warn = mem.lines().find((l) => l.action === 'session_restarted');
    expect(warn).toMatchObject({ level: 40, detail: 'unknown step removedFlow/gone' });
  });
});
