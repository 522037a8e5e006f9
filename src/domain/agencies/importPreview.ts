/**
 * A register import is never applied blind: the preview says what it would add, change and
 * remove (by license number), and applying it needs a confirmation; one that would remove more
 * than a configured share of the register also needs an explicit "replace the whole register".
 * (One pasted line once replaced 200 agencies at once.)
 */
import { createHash } from 'node:crypto';
import type { DB } from '../../store/db.js';
import { type RowProblem, parseAgencyCsv } from './csvRows.js';
import { type ImportReport, importAgencies } from './importer.js';
import { currentImport } from './register.js';

/** Names listed per kind of change in a preview. */
export const PREVIEW_EXAMPLES = 10;

export interface ImportPreview {
  /** preview: would change the register; unchanged: same file as the active one; rejected: unusable. */
  outcome: 'preview' | 'unchanged' | 'rejected';
  current: number;
  incoming: number;
  added: number;
  changed: number;
  removed: number;
  /** removed ÷ current (0 when the register is empty). */
  removedShare: number;
  examples: { added: string[]; changed: string[]; removed: string[] };
  problems: RowProblem[];
  reason?: string;
  sha256: string;
}

interface Existing {
  license_norm: string;
  name: string;
  status: string;
  valid_until: string | null;
}

/** What importing this CSV would do to the active register; writes nothing. */
export function previewImport(db: DB, csv: string): ImportPreview {
  const sha256 = createHash('sha256').update(csv).digest('hex');
  const existing = db.prepare('SELECT license_norm, name, status, valid_until FROM agencies').all() as Existing[];
  const empty = { current: existing.length, incoming: 0, added: 0, changed: 0, removed: 0, removedShare: 0, examples: { added: [], changed: [], removed: [] }, sha256 };
  if (currentImport(db)?.sha256 === sha256) return { ...empty, outcome: 'unchanged', incoming: existing.length, problems: [] };
  const parsed = parseAgencyCsv(csv);
  if (parsed.fatal) return { ...empty, outcome: 'rejected', problems: parsed.problems, reason: parsed.fatal };
  if (!parsed.rows.length) return { ...empty, outcome: 'rejected', problems: parsed.problems, reason: 'no usable rows; the current register would be kept' };
  const old = new Map(existing.map((e) => [e.license_norm, e]));
  const incoming = new Set(parsed.rows.map((r) => r.licenseNorm));
  const added: string[] = [];
  const changed: string[] = [];
  for (const r of parsed.rows) {
    const e = old.get(r.licenseNorm);
    if (!e) added.push(r.name);
    else if (e.name !== r.name || e.status !== r.status || (e.valid_until ?? null) !== (r.validUntil ?? null)) changed.push(r.name);
  }
  const removed = existing.filter((e) => !incoming.has(e.license_norm)).map((e) => e.name);
  return {
    outcome: 'preview',
    current: existing.length,
    incoming: parsed.rows.length,
    added: added.length,
    changed: changed.length,
    removed: removed.length,
    removedShare: existing.length ? removed.length / existing.length : 0,
    examples: { added: added.slice(0, PREVIEW_EXAMPLES), changed: changed.slice(0, PREVIEW_EXAMPLES), removed: removed.slice(0, PREVIEW_EXAMPLES) },
    problems: parsed.problems,
    sha256,
  };
}

export type GuardedImport =
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'needsReplaceWhole'; preview: ImportPreview }
  | { kind: 'done'; preview: ImportPreview; report: ImportReport };

/**
 * Imports only when confirmed, and only with `replaceWhole` when it would remove more than
 * `maxRemovedShare` of the register; otherwise returns the preview of what it would do.
 */
export function guardedImport(
  db: DB,
  csv: string,
  opts: { source: string; now: number; confirm: boolean; replaceWhole: boolean; maxRemovedShare: number },
): GuardedImport {
  const preview = previewImport(db, csv);
  if (preview.outcome !== 'preview') return { kind: 'done', preview, report: importAgencies(db, csv, { source: opts.source, now: opts.now }) };
  if (!opts.confirm) return { kind: 'preview', preview };
  if (preview.removedShare > opts.maxRemovedShare && !opts.replaceWhole) return { kind: 'needsReplaceWhole', preview };
  return { kind: 'done', preview, report: importAgencies(db, csv, { source: opts.source, now: opts.now }) };
}
