/**
 * `npm run doctor`: checks this installation's configuration (`.env` and the environment, the same
 * the server reads) against the real services and prints a checklist with a fix for each problem.
 * Exit code 1 when something blocks going live. Read-only: it creates and changes nothing.
 *
 *   npm run doctor
 *   options: --timeout SECONDS (per platform call, default 8)
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { configuredTemplateNames } from '../src/channels/whatsappCloud/buildTemplateMessage.js';
import { signPayload, verifySignature } from '../src/channels/whatsappCloud/verifySignature.js';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/core/errors.js';
import type { DB } from '../src/store/db.js';
import { renderChecklist, runDoctor, exitCodeFor } from '../src/ops/doctor/runDoctor.js';
import { PLATFORM_CALL_TIMEOUT_MS } from '../src/ops/platformApi.js';
import { appVersion } from '../src/ops/version.js';

const out = process.stdout;
let args;
try {
  args = parseArgs({ options: { timeout: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true }).values;
} catch (err) {
  process.stderr.write(`doctor: ${(err as Error).message}\nusage: npm run doctor -- [--timeout SECONDS]\n`);
  process.exit(2);
}
if (args.help) {
  out.write('usage: npm run doctor -- [--timeout SECONDS]\n');
  process.exit(0);
}
const timeoutMs = args.timeout ? Math.max(1, Number(args.timeout)) * 1000 : PLATFORM_CALL_TIMEOUT_MS;

out.write(`Helpline ${appVersion()} doctor: checking the configuration (.env and the environment) against the real services\n\n`);
let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  for (const line of err.message.split('\n')) out.write(`  FAIL  Configuration  ${line}\n`);
  out.write('\nFix these lines in .env (see .env.example), then run the doctor again.\n');
  process.exit(1);
}

// Read-only, never created or migrated here: the doctor must not change what it examines.
let db: DB | null = null;
if (fs.existsSync(config.DB_PATH)) {
  try {
    db = new Database(config.DB_PATH, { readonly: true, fileMustExist: true });
  } catch (err) {
    out.write(`  FAIL  Database  cannot open ${config.DB_PATH}: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
const results = await runDoctor({
  config,
  db,
  now: Date.now(),
  timeoutMs,
  signer: { sign: signPayload, verify: verifySignature },
  requiredTemplates: configuredTemplateNames(config),
});
db?.close();
out.write(renderChecklist(results));
process.exitCode = exitCodeFor(results);
