import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/db.js';
import { ContactStore } from '../../store/contacts.js';
import { tempDataDir } from '../../testing/harness.js';
import { chatOfficerActor, dashboardActor, identifyActor } from './actors.js';
import { addOfficer } from './accounts.js';

const dir = tempDataDir('helpline-actors-');
const db = openDatabase(path.join(dir, 'actors.sqlite'));
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('actors in the audit log and case history', () => {
  it('are named the same way for the chat and the dashboard: accounts and officer chats by username', async () => {
    const now = Date.UTC(2026, 11, 1);
    const { officer } = await addOfficer(db, { username: 'sari', password: 'a long enough password', chat: 'telegram:555' }, now);
    const chat = new ContactStore(db).find('telegram', '555')!;
    const stranger = new ContactStore(db).upsert('telegram', '777', now, true);

    expect(identifyActor(db, dashboardActor(officer.id))).toEqual({ kind: 'account', accountId: officer.id, username: 'sari' });
    expect(identifyActor(db, chatOfficerActor(chat.id))).toEqual({ kind: 'chatOfficer', contactId: chat.id, username: 'sari' });
    expect(identifyActor(db, chatOfficerActor(stranger.id))).toEqual({ kind: 'chatOfficer', contactId: stranger.id, username: null });
    expect(identifyActor(db, dashboardActor(999))).toEqual({ kind: 'account', accountId: 999, username: null });
    expect(identifyActor(db, 'reporter')).toEqual({ kind: 'reporter' });
    expect(identifyActor(db, 'api')).toEqual({ kind: 'api' });
    expect(identifyActor(db, 'system')).toEqual({ kind: 'system' });
    expect(identifyActor(db, 'officer:abc')).toEqual({ kind: 'system' });
  });
});
