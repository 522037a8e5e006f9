/** Append-only audit trail of officer actions, refusals and data requests (no message bodies). */
import type { DB } from './db.js';

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
