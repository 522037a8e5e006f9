/**
 * `npm run add-officer`: creates a dashboard account (or replaces its password and role).
 *
 *   npm run add-officer                                   # asks for username, password (hidden), role
 *   printf '%s\n' "$PW" | npm run add-officer -- --username ana --password-stdin --role admin
 *   options: --username NAME  --password-stdin  --role officer|admin  --chat telegram:123456  --create
 *            --api-token   also issue an API token for this officer (printed once; the audit then names them)
 *
 * It works on the server's database (DATA_DIR from `.env` or the environment) and prints its path.
 * When there is no database there it stops, unless --create is given (or, on a terminal, confirmed).
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/core/errors.js';
import { OFFICER_ROLES, OfficerInputError, type OfficerRole, addOfficer } from '../src/domain/officers/accounts.js';
import { databaseExists, databaseLine, openScriptDatabase } from '../src/ops/scriptDatabase.js';
import { serviceUrls } from '../src/ops/urls.js';
import { issueOfficerApiToken } from '../src/domain/officers/permissions.js';

const USAGE = 'usage: npm run add-officer -- [--username NAME --password-stdin] [--role officer|admin] [--chat telegram:123] [--create] [--api-token]';

function fail(message: string): never {
  process.stderr.write(`add-officer: ${message}\n`);
  process.exit(1);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          return resolve(value);
        }
        if (ch === '\u0003') {
          process.stdout.write('\n');
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

let args;
try {
  args = parseArgs({
    options: {
      username: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      role: { type: 'string', default: 'officer' },
      chat: { type: 'string' },
      create: { type: 'boolean', default: false },
      'api-token': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!OFFICER_ROLES.includes(args.role as OfficerRole)) fail(`--role must be one of: ${OFFICER_ROLES.join(', ')}`);

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(`configuration error: ${err.message}`);
  throw err;
}

process.stdout.write(`${databaseLine(config)}\n`);
// Decided before asking for a password: an account in the wrong database cannot sign in.
let create = args.create;
if (!databaseExists(config) && !create) {
  if (args['password-stdin'] || !process.stdin.isTTY) {
    fail(`no database at ${config.DB_PATH}: the server keeps its database where DATA_DIR points (put it in .env). Start the server once, or pass --create to make a new database here.`);
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = (await rl.question(`No database at ${config.DB_PATH}. Is the server using another DATA_DIR? Create a new database here? [y/N] `)).trim();
  rl.close();
  if (!/^(y|yes|ya)$/i.test(answer)) fail('nothing was changed; put the server\'s DATA_DIR in .env and run this again');
  create = true;
}

let username = args.username ?? '';
let password: string;
if (args['password-stdin']) {
  if (!username) fail('--password-stdin needs --username');
  password = await readStdin();
} else {
  if (!process.stdin.isTTY) fail('not a terminal: pass --username NAME --password-stdin and the password on stdin');
  if (!username) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    username = (await rl.question('Username: ')).trim();
    rl.close();
  }
  password = await askHidden('Password (at least 12 characters): ');
  const again = await askHidden('Password again: ');
  if (again !== password) fail('the two passwords differ; nothing was changed');
}

const { db, created: newDatabase } = openScriptDatabase(config, { create });
if (newDatabase) process.stdout.write(`Created a new database at ${config.DB_PATH}\n`);
try {
  const { officer, created } = await addOfficer(db, { username, password, role: args.role as OfficerRole, chat: args.chat }, Date.now());
  db.prepare('INSERT INTO audit (at, actor, action, subject) VALUES (?, ?, ?, ?)').run(
    Date.now(),
    'cli',
    created ? 'officer_created' : 'officer_password_reset',
    officer.username,
  );
  process.stdout.write(`Officer "${officer.username}" ${created ? 'created' : 'updated'} (${officer.role}). Sign in at ${serviceUrls(config).dashboard}\n`);
  if (args['api-token']) {
    const token = issueOfficerApiToken(db, officer.id, Date.now());
    db.prepare('INSERT INTO audit (at, actor, action, subject) VALUES (?, ?, ?, ?)').run(Date.now(), 'cli', 'officer_api_token_issued', officer.username);
    process.stdout.write(`API token for "${officer.username}" (shown once, keep it secret; role ${officer.role}):\n${token}\n`);
  }
} catch (err) {
  if (err instanceof OfficerInputError) fail(err.message);
  throw err;
} finally {
  db.close();
}
