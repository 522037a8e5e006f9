/**
 * `npm run bench [-- --n=200] [--smoke] [--only=conversation,peer,e2e,broadcast,agency,memory,flood,inbox]`:
 * prints one markdown table with the machine it ran on. Env: BENCH_N, BENCH_SMOKE, BENCH_ONLY.
 */
import { benchOptions } from './options.js';
import { runBench } from './run.js';

const args = process.argv.slice(2);
const opts = benchOptions(args, process.env);
const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
runBench(opts, command).then(
  (table) => {
    process.stdout.write(table);
    process.exit(0);
  },
  (err) => {
    process.stderr.write(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
