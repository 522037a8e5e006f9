/**
 * `npm run import-agencies -- FILE.csv [--create]`: replaces the agency register with the operator's list.
 * Prints the database it works on (the server's: DATA_DIR from `.env` or the environment), every
 * rejected row with its line number and reason; exits 1 when nothing was loaded. Without a database
 * it stops, unless --create asks for a new one (e.g. loading the register before the first start).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfigOrExit } from '../src/config.js';
import { importAgencies } from '../src/domain/agencies/importer.js';
import { AuditLog } from '../src/store/audit.js';
import { MissingDatabaseError, databaseLine, openScriptDatabase } from '../src/ops/scriptDatabase.js';

const argv = process.argv.slice(2);
const create = argv.includes('--create');
const file = argv.find((a) => !a.startsWith('--'));
if (!file || argv.some((a) => a.startsWith('--') && a !== '--create')) {
  process.stderr.write('usage: npm run import-agencies -- FILE.csv [--create]\n');
  process.exit(2);
}
const config = loadConfigOrExit();
process.stdout.write(`${databaseLine(config)}\n`);
let csv: string;
try {
  csv = fs.readFileSync(file, 'utf8');
} catch (err) {
  process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n`);
  process.exit(1);
}
let db;
try {
  db = openScriptDatabase(config, { create, createHint: 'Or pass --create to make a new database here.' }).db;
} catch (err) {
  if (!(err instanceof MissingDatabaseError)) throw err;
  process.stderr.write(`import-agencies: ${err.message}\n`);
  process.exit(1);
}
const now = Date.now();
const report = importAgencies(db, csv, { source: `file: ${path.basename(file)}`, now });
new AuditLog(db).record(now, 'system', 'agencies_import', report.source, `${report.outcome}: ${report.loaded} loaded, ${report.problems.length} rejected`);
db.close();

const out = process.stdout;
for (const p of report.problems) out.write(`line ${p.line}: ${p.reason}\n`);
if (report.outcome === 'rejected') {
  process.stderr.write(`nothing imported: ${report.reason}\n`);
  process.exit(1);
}
if (report.outcome === 'unchanged') out.write(`unchanged: this file is already the active register (${report.loaded} agencies)\n`);
else out.write(`imported ${report.loaded} agencies from ${file}; ${report.problems.length} row(s) rejected${report.isSample ? ' (FICTIONAL sample data)' : ''}\n`);
