/** Append-only audit trail of officer actions, refusals and data requests (no message bodies). */
import type { DB } from './db.js';

/** How many times an actor did an action since a time (e.g. to not repeat an alert). */
export function countActions(db: DB, actor: string, action: string, since: number): number {
  return db.prepare('SELECT COUNT(*) FROM audit WHERE actor = ? AND action = ? AND at > ?').pluck().get(actor, action, since) as number;
}

export class AuditLog {
  private readonly insert;
  constructor(db: DB) {
    this.insert = db.prepare<[number, string, string, string | null, string | null]>(
      'INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
    );
  }

  record(at: number, actor: string, action: string, subject?: string, detail?: string): void {
    this.insert.run(at, actor, action, subject ?? null, detail ?? null);
  }
}
