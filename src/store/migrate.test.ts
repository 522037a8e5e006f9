/** Numbered migrations: each applied once, in order; two files with one number stop the start. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './db.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpline-migrations-'));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

describe('migrate', () => {
  it('applies each numbered file once, in order, and records it', () => {
    const db = new Database(':memory:');
    const dir = migrationsDir({ '002_b.sql': 'ALTER TABLE t ADD COLUMN b TEXT;', '001_a.sql': 'CREATE TABLE t (a TEXT);' });
    expect(migrate(db, dir)).toEqual(['001_a.sql', '002_b.sql']);
    expect(migrate(db, dir)).toEqual([]);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('t')).toEqual(['a', 'b']);
  });

  it('refuses two files with the same number (a merge of two branches that picked it) before applying anything', () => {
    const db = new Database(':memory:');
    const dir = migrationsDir({ '001_a.sql': 'CREATE TABLE a (x);', '002_teams.sql': 'CREATE TABLE teams (x);', '002_labels.sql': 'CREATE TABLE labels (x);' });
    expect(() => migrate(db, dir)).toThrow('two migrations share the number 002: 002_labels.sql and 002_teams.sql; renumber one');
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('a', 'teams', 'labels')").pluck().get()).toBe(0);
  });

  it('the shipped migrations have one number each', () => {
    expect(() => migrate(new Database(':memory:'))).not.toThrow();
  });

  it('officer chats are found through an index, not by reading every contact (a lookup on every new case)', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id, language FROM contacts WHERE role = 'officer' ORDER BY id").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('USING INDEX contacts_officers');
  });
});
