/** Session rows: the conversation position of each contact. */
import { type SessionState, SESSION_VERSION, readSession } from '../conversation/session.js';
import type { DB } from './db.js';

export class SessionStore {
  private readonly select;
  private readonly upsert;

  constructor(db: DB) {
    this.select = db.prepare<[number], string>('SELECT state FROM sessions WHERE contact_id = ?').pluck();
    this.upsert = db.prepare<[number, string, number, number]>(
      `INSERT INTO sessions (contact_id, state, version, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (contact_id) DO UPDATE SET state = excluded.state, version = excluded.version, updated_at = excluded.updated_at`,
    );
  }

  load(contactId: number): SessionState {
    return readSession(this.select.get(contactId));
  }

  save(contactId: number, state: SessionState, now: number): void {
    this.upsert.run(contactId, JSON.stringify(state), SESSION_VERSION, now);
  }
}
