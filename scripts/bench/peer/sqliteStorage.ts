/**
 * A grammY storage adapter on better-sqlite3, the way the grammY docs describe one: `read`, `write`,
 * `delete` by key (here synchronous, which grammY accepts). Used for both the session and the
 * conversations plugin's state, in one key-value table with the same pragmas as the helpline
 * (WAL, synchronous=NORMAL). Statements are prepared once.
 */
import Database from 'better-sqlite3';

export type PeerDB = Database.Database;

/** Opens the peer's database with WAL and synchronous=NORMAL, and creates its tables. */
export function openPeerDatabase(file: string): PeerDB {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS case_ref_counters (month TEXT PRIMARY KEY, last INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS cases (
      id INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE, chat_id TEXT, anonymous INTEGER NOT NULL,
      on_behalf TEXT NOT NULL, category INTEGER NOT NULL, country TEXT NOT NULL, city TEXT,
      worker_name TEXT, agency TEXT, home TEXT, description TEXT NOT NULL, evidence TEXT NOT NULL,
      contact_by TEXT NOT NULL, language TEXT NOT NULL, pin_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS cases_chat ON cases (chat_id, created_at);`);
  return db;
}

export interface KeyStorage<T> {
  read(key: string): T | undefined;
  write(key: string, value: T): void;
  delete(key: string): void;
}

/** A storage adapter over the kv table; `prefix` separates session data from conversation data. */
export function sqliteStorage<T>(db: PeerDB, prefix: string): KeyStorage<T> {
  const get = db.prepare<[string], string>('SELECT value FROM kv WHERE key = ?').pluck();
  const put = db.prepare<[string, string]>('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const del = db.prepare<[string]>('DELETE FROM kv WHERE key = ?');
  return {
    read(key) {
      const raw = get.get(prefix + key);
      return raw === undefined ? undefined : (JSON.parse(raw) as T);
    },
    write(key, value) {
      put.run(prefix + key, JSON.stringify(value));
    },
    delete(key) {
      del.run(prefix + key);
    },
  };
}
