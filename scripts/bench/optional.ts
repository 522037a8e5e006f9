/**
 * Finds a function other branches export (e.g. `enqueueBroadcastBench`, `agencyLookupBench`)
 * anywhere under src/, by reading the sources, and imports it; undefined when absent. This lets
 * the benchmark pick up the broadcasts and agencies features after they are merged, unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../src/testing/processes.js';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Imports the exported function `name` from whichever src/ module defines it. */
export async function findExport<F extends (...args: never[]) => unknown>(name: string): Promise<{ fn: F; file: string } | undefined> {
  const pattern = new RegExp(`export\\s+(async\\s+)?function\\s+${name}\\b|export\\s+const\\s+${name}\\b`);
  for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
    if (!pattern.test(fs.readFileSync(file, 'utf8'))) continue;
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    if (typeof mod[name] === 'function') return { fn: mod[name] as F, file: path.relative(REPO_ROOT, file) };
  }
  return undefined;
}

/** Renders whatever a feature's bench function returned as one short cell. */
export function describeResult(result: unknown): string {
  if (result === undefined || result === null) return 'done';
  if (typeof result !== 'object') return String(result);
  return Object.entries(result as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(3)) : JSON.stringify(v)}`)
    .join(', ');
}
