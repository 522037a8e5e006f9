/** The benchmark's one markdown table: rows of section, measure, value, target and verdict. */

export type Verdict = 'met' | 'MISSED' | 'pending' | 'n/a' | 'info';

export interface Row {
  section: string;
  measure: string;
  value: string;
  target?: string;
  verdict?: Verdict;
}

/** Verdict for "value must be at least / at most target". */
export function atLeast(value: number, target: number): Verdict {
  return Number.isFinite(value) ? (value >= target ? 'met' : 'MISSED') : 'n/a';
}
export function atMost(value: number, target: number): Verdict {
  return Number.isFinite(value) ? (value <= target ? 'met' : 'MISSED') : 'n/a';
}

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Renders rows as one markdown table. */
export function renderTable(rows: Row[]): string {
  const lines = ['| Section | Measure | Value | Target | Verdict |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    lines.push(`| ${esc(r.section)} | ${esc(r.measure)} | ${esc(r.value)} | ${esc(r.target ?? '')} | ${r.verdict ?? 'info'} |`);
  }
  return lines.join('\n');
}
