/** The server's database (where DATA_DIR points) and the dashboard accounts in it. */
import fs from 'node:fs';
import { countActiveOfficers } from '../../domain/officers/accounts.js';
import { dataDirOrigin } from '../scriptDatabase.js';
import { type DoctorResult, type DoctorContext, fail, ok, warn } from './check.js';

const MB = 1024 * 1024;

/** Whether the database exists where the configuration says. */
export function checkDatabase(ctx: DoctorContext): DoctorResult[] {
  const { config } = ctx;
  if (!ctx.db) {
    return [
      warn(
        'Database',
        `no database at ${config.DB_PATH} (${dataDirOrigin()})`,
        'On a new installation the first npm start creates it. If the server already runs, it uses another DATA_DIR: put the same DATA_DIR in .env for the server and the scripts.',
      ),
    ];
  }
  const size = fs.statSync(config.DB_PATH).size;
  return [ok('Database', `${config.DB_PATH} (${dataDirOrigin()}), ${(size / MB).toFixed(1)} MB`)];
}

/** Dashboard accounts: none is a blocker when no officer chat exists either (nobody would see a case). */
export function checkDashboardAccounts(ctx: DoctorContext): DoctorResult[] {
  const name = 'Dashboard accounts';
  const fix = 'Run npm run add-officer on this machine, in this folder (it uses the same .env and database as the server).';
  if (!ctx.db) return [warn(name, 'not checked: there is no database yet', fix)];
  let n: number;
  try {
    n = countActiveOfficers(ctx.db);
  } catch {
    return [warn(name, 'not checked: the database has no accounts table yet (start the new version once: migrations run by themselves)', fix)];
  }
  if (n > 0) return [ok(name, `${n} account(s) can sign in`)];
  const chats = ctx.config.OFFICER_TELEGRAM_IDS.length + ctx.config.OFFICER_WHATSAPP_NUMBERS.length;
  return chats ? [warn(name, 'none yet: officers can only work in chat', fix)] : [fail(name, 'none yet, and no officer chat: nobody would see a case', fix)];
}
