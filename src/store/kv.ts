/** The kv table: small named values the app keeps across restarts (secrets, once-a-day markers). */
import type { DB } from './db.js';

export class KeyValueStore {
  private readonly upsertChanged;
  private readonly insertMissing;
  private readonly select;

  constructor(private readonly db: DB) {
    // Upsert that changes nothing when the value is already the same.
    this.upsertChanged = db.prepare<[string, string]>(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE kv.value <> excluded.value',
    );
    this.insertMissing = db.prepare<[string, string]>('INSERT OR IGNORE INTO kv (key, value) VALUES (?, ?)');
    this.select = db.prepare<[string], string>('SELECT value FROM kv WHERE key = ?').pluck();
  }

  /** Stores `value` under `key`; false when it was already stored with that value. */
  setIfChanged(key: string, value: string): boolean {
    return this.upsertChanged.run(key, value).changes > 0;
  }

  /** Stores `value` under `key`, or removes the key when `value` is null. */
  set(key: string, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM kv WHERE key = ?').run(key);
    else this.db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** The value under `key`, or undefined. */
  get(key: string): string | undefined {
    return this.select.get(key) as string | undefined;
  }

  /** The value under `key`, stored first from `make()` when there is none. */
  getOrCreate(key: string, make: () => string): string {
    this.insertMissing.run(key, make());
    return this.select.get(key) as string;
  }
}
