/** Regenerates data/agencies-sample-fictional.csv (200 FICTIONAL rows, deterministic). Run: npx tsx scripts/generate-agencies-sample.ts */
import fs from 'node:fs';
import { fictionalRegisterCsv } from '../src/domain/agencies/fictional.js';
import { SAMPLE_CSV_PATH } from '../src/domain/agencies/importer.js';

/** Rows in the shipped sample. */
const SAMPLE_ROWS = 200;

fs.writeFileSync(SAMPLE_CSV_PATH, fictionalRegisterCsv({ count: SAMPLE_ROWS }));
process.stdout.write(`wrote ${SAMPLE_ROWS} fictional rows to ${SAMPLE_CSV_PATH}\n`);
