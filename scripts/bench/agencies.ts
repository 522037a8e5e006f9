/** Agency lookup speed over a generated 10,000-agency fictional register: `npx tsx scripts/bench/agencies.ts [lookups]`. */
import { benchAgencyLookup } from './agencyLookup.js';

const result = benchAgencyLookup(Number(process.argv[2]) || 5000);
process.stdout.write(`${JSON.stringify(result)}\n`);
