/** Opens the SQLite database with the pragmas the bot relies on and applies numbered migrations. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export type DB = Database.Database;

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** How long a writer waits for a lock held by another process before failing. */
export const BUSY_TIMEOUT_MS = 5000;

const statements = new WeakMap<DB, Map<string, Database.Statement>>();

/**
 * The statement for `sql`, prepared once per connection and reused: preparing costs more than
 * running most statements, so code a conversation turn runs should not prepare on every call.
 * A statement's modes stick (`.pluck()`): use one SQL text in one mode.
 */
export function prepared(db: DB, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** Opens (creating the folder if needed), sets WAL/foreign keys/busy timeout, migrates. */
export function openDatabase(file: string, busyTimeoutMs: number = BUSY_TIMEOUT_MS): DB {
  // Private from the start: the folder holds reports about people at risk.
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  migrate(db);
  return db;
}

/** Applies every `NNN_name.sql` not yet recorded in schema_migrations, each in its own transaction. */
export function migrate(db: DB, dir: string = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  // Migrations are keyed by number: two branches that picked the same one would skip each other's.
  const seen = new Map<number, string>();
  for (const f of files) {
    const other = seen.get(Number(f.slice(0, 3)));
    if (other) throw new Error(`two migrations share the number ${f.slice(0, 3)}: ${other} and ${f}; renumber one`);
    seen.set(Number(f.slice(0, 3)), f);
  }
  const applied: string[] = [];
  for (const f of files) {
    const version = Number(f.slice(0, 3));
    if (done.has(version)) continue;
    const sql = fs.readFileSync(path.join(dir, f), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        version,
        f,
        new Date().toISOString(),
      );
    })();
    applied.push(f);
  }
  return applied;
}
