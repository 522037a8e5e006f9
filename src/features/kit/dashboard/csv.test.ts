import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('CSV for spreadsheets', () => {
  it('quotes commas, quotes and line breaks, and neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('Hong Kong')).toBe('Hong Kong');
    expect(csvCell('Kowloon, Mong Kok')).toBe('"Kowloon, Mong Kok"');
    expect(csvCell('he said "pay me"')).toBe('"he said ""pay me"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    for (const danger of ['+62 811', '-1+1', '@SUM(A1)', '\tcmd']) expect(csvCell(danger).replace(/^"/, '')).toMatch(/^'/);
    // Numbers and flags we write ourselves stay numbers.
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(true)).toBe('1');
    expect(csvCell(null)).toBe('');
  });

  it('writes a BOM, a header and CRLF rows', () => {
    expect(toCsv(['ref', 'status'], [['BWI-2611-0001', 'new']])).toBe('\uFEFFref,status\r\nBWI-2611-0001,new\r\n');
  });
});
