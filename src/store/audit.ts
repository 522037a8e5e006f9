/** Append-only audit trail of officer actions, refusals and data requests (no message bodies). */
import type { DB } from './db.js';

/** Identical refusals within this window are counted on the first row instead of written again. */
export const AUDIT_COLLAPSE_WINDOW_MS = 3600_000;

/** How many times an actor did an action since a time (e.g. to not repeat an alert). */
export function countActions(db: DB, actor: string, action: string, since: number): number {
  return db.prepare('SELECT COUNT(*) FROM audit WHERE actor = ? AND action = ? AND at > ?').pluck().get(actor, action, since) as number;
}

export class AuditLog {
  private readonly insert;
  private readonly previous;
  private readonly repeat;

  constructor(db: DB) {
    this.insert = db.prepare<[number, string, string, string | null, string | null]>(
      'INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.previous = db.prepare<[string, number, string, string | null, string | null], { id: number }>(
      'SELECT id FROM audit WHERE action = ? AND at > ? AND actor = ? AND subject IS ? AND detail IS ? ORDER BY id DESC LIMIT 1',
    );
    this.repeat = db.prepare<[number, number]>(
      `INSERT INTO audit_repeats (audit_id, repeats, last_at) VALUES (?, 1, ?)
       ON CONFLICT (audit_id) DO UPDATE SET repeats = repeats + 1, last_at = excluded.last_at`,
    );
  }

  record(at: number, actor: string, action: string, subject?: string, detail?: string): void {
    this.insert.run(at, actor, action, subject ?? null, detail ?? null);
  }

  /**
   * Like record(), but an event identical to one recorded within AUDIT_COLLAPSE_WINDOW_MS only
   * counts up that row's repeats (audit_repeats): 1,000 wrong tokens are one row "×1000", not
   * 1,000 rows kept forever. Returns true when a new row was written.
   */
  recordCollapsed(at: number, actor: string, action: string, subject?: string, detail?: string): boolean {
    const prev = this.previous.get(action, at - AUDIT_COLLAPSE_WINDOW_MS, actor, subject ?? null, detail ?? null);
    if (prev) {
      this.repeat.run(prev.id, at);
      return false;
    }
    this.record(at, actor, action, subject, detail);
    return true;
  }
}
