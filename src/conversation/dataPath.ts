/** Reading and writing dotted paths (`a.b.c`) in a flow's data. */
import type { Data, Json } from './flow.js';

/** The value at a dotted path, or undefined. */
export function getPath(data: Data, path: string): Json | undefined {
  let cur: Json | undefined = data;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, Json>)[part];
  }
  return cur;
}

/** Sets the value at a dotted path, creating objects on the way. */
export function setPath(data: Data, path: string, value: Json): void {
  const parts = path.split('.');
  let cur: Record<string, Json> = data;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[part] = {};
    cur = cur[part] as Record<string, Json>;
  }
  cur[parts[parts.length - 1]] = value;
}
