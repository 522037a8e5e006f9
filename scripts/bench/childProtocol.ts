/** The line a child section prints its JSON result on. */
export const RESULT_PREFIX = 'BENCH_RESULT ';
