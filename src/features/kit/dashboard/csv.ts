/**
 * CSV for spreadsheets (RFC 4180 quoting, CRLF, UTF-8 BOM so Excel reads Indonesian names right).
 * Cells that a spreadsheet would run as a formula (= + - @, tab, CR) are prefixed with a quote.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula guard, then quoted when it holds a comma, quote or line break. */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  // Numbers we write ourselves are safe; any text starting like a formula is neutralised.
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV document: header row, then data rows. */
export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
