/**
 * The database a command-line script works on: the same file the server uses (DATA_DIR from `.env`
 * or the environment, read through src/config.ts), named on screen, and never created by surprise:
 * a script that finds no database where the server keeps one says so and stops.
 */
import fs from 'node:fs';
import { type Config, settingSource } from '../config.js';
import { type DB, openDatabase } from '../store/db.js';

/** No database file where the configuration says the server keeps it. */
export class MissingDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingDatabaseError';
  }
}

/** Where DATA_DIR came from, in words an operator understands. */
export function dataDirOrigin(): string {
  switch (settingSource('DATA_DIR')) {
    case 'environment':
      return 'DATA_DIR from the environment';
    case '.env':
      return 'DATA_DIR from .env';
    default:
      return 'DATA_DIR not set, default ./data';
  }
}

/** The line every script prints first: "Database: /srv/helpline/data/helpline.sqlite (DATA_DIR from .env)". */
export function databaseLine(config: Config): string {
  return `Database: ${config.DB_PATH} (${dataDirOrigin()})`;
}

/** Whether the server's database file exists. */
export function databaseExists(config: Config): boolean {
  return fs.existsSync(config.DB_PATH);
}

/**
 * Opens the server's database (migrating it like the server would). When it does not exist, throws
 * MissingDatabaseError unless `create` is set; `createHint` says how to ask this script to create it.
 */
export function openScriptDatabase(config: Config, opts: { create?: boolean; createHint?: string } = {}): { db: DB; created: boolean } {
  const exists = databaseExists(config);
  if (!exists && !opts.create) {
    const hint = opts.createHint ? ` ${opts.createHint}` : '';
    throw new MissingDatabaseError(
      `no database at ${config.DB_PATH} (${dataDirOrigin()}). If the server already runs, it keeps its database elsewhere: ` +
        `put the same DATA_DIR in .env so the server and every script agree. If this is a new installation, start the server once (npm start) to create it.${hint}`,
    );
  }
  return { db: openDatabase(config.DB_PATH, config.DB_BUSY_TIMEOUT_MS), created: !exists };
}
