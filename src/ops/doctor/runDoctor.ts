/** Runs every check in order and renders the checklist an operator reads before going live. */
import { type DoctorCheck, type DoctorResult, type DoctorContext, fail } from './check.js';
import { checkLastBackup } from './backups.js';
import { checkClock } from './clock.js';
import { checkDashboardAccounts, checkDatabase } from './database.js';
import { checkFolders } from './folders.js';
import { checkOfficerChats } from './officers.js';
import { checkPublicAddress } from './publicAddress.js';
import { checkTelegram } from './telegram.js';
import { checkWhatsAppCloud } from './whatsappCloud.js';
import { checkWhatsAppWeb } from './whatsappWeb.js';

/** The checks, in the order an operator fixes things. */
export const CHECKS: { name: string; run: DoctorCheck }[] = [
  { name: 'database', run: checkDatabase },
  { name: 'folders', run: checkFolders },
  { name: 'public address', run: checkPublicAddress },
  { name: 'telegram', run: checkTelegram },
  { name: 'whatsapp-cloud', run: checkWhatsAppCloud },
  { name: 'whatsapp-web', run: checkWhatsAppWeb },
  { name: 'officer chats', run: checkOfficerChats },
  { name: 'dashboard accounts', run: checkDashboardAccounts },
  { name: 'backups', run: checkLastBackup },
  { name: 'clock', run: checkClock },
];

/** Runs the checks; a check that throws becomes a failed result naming it (the others still run). */
export async function runDoctor(ctx: DoctorContext, checks = CHECKS): Promise<DoctorResult[]> {
  const out: DoctorResult[] = [];
  for (const c of checks) {
    try {
      out.push(...(await c.run(ctx)));
    } catch (err) {
      out.push(fail(c.name, `the check itself failed: ${err instanceof Error ? err.message : String(err)}`, 'Run the doctor again; if it persists, report this message.'));
    }
  }
  return out;
}

const MARK = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const;

/** The checklist as text: one line per result, the fix under each problem, and a summary. */
export function renderChecklist(results: DoctorResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length), 4) + 2;
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`  ${MARK[r.status]}  ${r.name.padEnd(width)}${r.message}`);
    if (r.fix && r.status !== 'ok') lines.push(`        ${' '.repeat(width)}fix: ${r.fix}`);
  }
  const n = (s: DoctorResult['status']) => results.filter((r) => r.status === s).length;
  const fails = n('fail');
  lines.push('');
  lines.push(
    fails
      ? `${fails} problem(s) block going live, ${n('warn')} warning(s), ${n('ok')} ok.`
      : `Nothing blocks going live: ${n('warn')} warning(s), ${n('ok')} ok.`,
  );
  return `${lines.join('\n')}\n`;
}

/** 1 when anything blocks going live, else 0. */
export function exitCodeFor(results: DoctorResult[]): number {
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}
