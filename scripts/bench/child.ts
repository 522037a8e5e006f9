/** Runs one memory-sensitive section in its own process and prints its result as one JSON line. */
import { runBroadcast } from './broadcast.js';
import { runMemory } from './memory.js';
import { RESULT_PREFIX } from './childProtocol.js';

const [section, a, b, c, ...rest] = process.argv.slice(2);
const run = section === 'broadcast' ? runBroadcast(Number(a), Number(b), Number(c), rest) : section === 'memory' ? runMemory(Number(a), Number(b)) : Promise.reject(new Error(`unknown section ${section}`));
run.then(
  (result) => {
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
