/**
 * `npm run import-agencies -- FILE.csv`: replaces the agency register with the operator's list.
 * Prints every rejected row with its line number and reason; exits 1 when nothing was loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfigOrExit } from '../src/config.js';
import { importAgencies } from '../src/domain/agencies/importer.js';
import { AuditLog } from '../src/store/audit.js';
import { openDatabase } from '../src/store/db.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run import-agencies -- FILE.csv\n');
  process.exit(2);
}
const config = loadConfigOrExit();
let csv: string;
try {
  csv = fs.readFileSync(file, 'utf8');
} catch (err) {
  process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n`);
  process.exit(1);
}
const db = openDatabase(config.DB_PATH);
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
