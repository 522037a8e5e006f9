/**
 * Session rows: the conversation position of each contact. The store keeps text and a version;
 * the codec (the conversation layer's `sessionCodec`) reads, migrates and writes the state, so
 * this layer does not know its shape.
 */
import type { DB } from './db.js';

/** Reads (and migrates) a stored state, and writes one; `version` is stored beside it. */
export interface SessionCodec<S> {
  version: number;
  read(raw: string | null | undefined): S;
  write(state: S): string;
}

export class SessionStore<S = unknown> {
  private readonly select;
  private readonly upsert;

  constructor(
    db: DB,
    private readonly codec: SessionCodec<S>,
  ) {
    this.select = db.prepare<[number], string>('SELECT state FROM sessions WHERE contact_id = ?').pluck();
    this.upsert = db.prepare<[number, string, number, number]>(
      `INSERT INTO sessions (contact_id, state, version, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (contact_id) DO UPDATE SET state = excluded.state, version = excluded.version, updated_at = excluded.updated_at`,
    );
  }

  /** The contact's state, migrated to the current version (a fresh one when none is stored). */
  load(contactId: number): S {
    return this.codec.read(this.select.get(contactId));
  }

  save(contactId: number, state: S, now: number): void {
    this.upsert.run(contactId, this.codec.write(state), this.codec.version, now);
  }
}
