/**
 * Reads an operator's agency CSV into validated rows: header aliases in Indonesian and English,
 * statuses and dates in either language's usual forms, and a reason with a line number for every
 * row that cannot be used.
 */
import { parse } from 'csv-parse/sync';
import { normalizeLicense, normalizeName } from './normalize.js';

/** Refuse files with more rows than any plausible register (about 400 P3MI exist). */
export const MAX_ROWS = 50_000;
/** Longest accepted value in one cell. */
export const MAX_FIELD_CHARS = 300;

export type AgencyStatus = 'active' | 'suspended' | 'revoked' | 'expired';
export type Field = 'name' | 'license' | 'status' | 'validUntil' | 'address' | 'city' | 'province' | 'phone';

/** Header names people use, after lower-casing and reducing punctuation to single spaces. */
const HEADER_ALIASES: Record<Field, string[]> = {
  name: ['name', 'nama', 'company', 'company name', 'nama perusahaan', 'perusahaan', 'nama p3mi', 'agency', 'agency name'],
  license: ['license number', 'licence number', 'license no', 'license', 'licence', 'nomor izin', 'no izin', 'nomor sip3mi', 'no sip3mi', 'sip3mi', 'izin', 'nomor izin sip3mi', 'no izin sip3mi'],
  status: ['status', 'status izin', 'license status'],
  validUntil: ['valid until', 'valid to', 'expiry', 'expires', 'expiry date', 'berlaku sampai', 'berlaku hingga', 'masa berlaku', 'tanggal berakhir'],
  address: ['address', 'alamat'],
  city: ['city', 'kota', 'kota kabupaten', 'kabupaten kota', 'kabupaten'],
  province: ['province', 'provinsi', 'propinsi'],
  phone: ['phone', 'telephone', 'telepon', 'telp', 'no telepon', 'nomor telepon', 'no telp'],
};
const REQUIRED: Field[] = ['name', 'license', 'status'];
/** How a missing column is named in error messages (English/Indonesian). */
const FIELD_LABEL: Record<Field, string> = {
  name: 'name/nama', license: 'license number/nomor izin', status: 'status', validUntil: 'valid until/berlaku sampai',
  address: 'address/alamat', city: 'city/kota', province: 'province/provinsi', phone: 'phone/telepon',
};

const STATUS_ALIASES: Record<string, AgencyStatus> = {
  active: 'active', aktif: 'active', licensed: 'active', valid: 'active', berlaku: 'active', berizin: 'active',
  suspended: 'suspended', skorsing: 'suspended', diskors: 'suspended', dibekukan: 'suspended', ditangguhkan: 'suspended',
  revoked: 'revoked', dicabut: 'revoked', cabut: 'revoked',
  expired: 'expired', kedaluwarsa: 'expired', kadaluwarsa: 'expired', kadaluarsa: 'expired', kedaluarsa: 'expired', 'habis masa berlaku': 'expired',
};

export interface AgencyRow {
  line: number;
  name: string;
  nameNorm: string;
  license: string;
  licenseNorm: string;
  status: AgencyStatus;
  validUntil: string | null;
  address: string | null;
  city: string | null;
  province: string | null;
  phone: string | null;
}

export interface RowProblem {
  /** 1-based line in the file; 0 for a problem with the whole file. */
  line: number;
  reason: string;
}

export interface ParsedCsv {
  rows: AgencyRow[];
  problems: RowProblem[];
  /** Set when the file as a whole cannot be used (no header, required column missing). */
  fatal?: string;
}

const headerForm = (h: string) => h.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Maps header cells to fields; unknown columns are ignored. */
function mapHeader(cells: string[]): { columns: (Field | null)[]; missing: Field[] } {
  const byAlias = new Map<string, Field>();
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [Field, string[]][]) for (const a of aliases) byAlias.set(a, field);
  const seen = new Set<Field>();
  const columns = cells.map((c) => {
    const f = byAlias.get(headerForm(c)) ?? null;
    if (!f || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
  return { columns, missing: REQUIRED.filter((f) => !seen.has(f)) };
}

/** Picks the delimiter from the header line: comma, semicolon (Indonesian Excel) or tab. */
function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

/** Parses YYYY-MM-DD or DD/MM/YYYY (also DD-MM-YYYY, DD.MM.YYYY) into YYYY-MM-DD, or null if not a real date. */
export function parseDate(s: string): string | null {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Parses and validates a register CSV; good rows are returned even when others are bad. */
export function parseAgencyCsv(text: string): ParsedCsv {
  const problems: RowProblem[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) problems.push({ line: Number((err as { lines?: unknown }).lines ?? 0), reason: `unreadable CSV: ${err.message.replace(/^Invalid [^:]+: /, '')}` });
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    return { rows: [], problems, fatal: `the file is not readable as CSV: ${(err as Error).message}` };
  }
  if (!records.length) return { rows: [], problems, fatal: 'the file is empty' };
  const [head, ...body] = records;
  const { columns, missing } = mapHeader(head.record);
  if (missing.length) {
    return {
      rows: [],
      problems,
      fatal: `line ${head.info.lines}: the header lacks the column(s) ${missing.map((f) => FIELD_LABEL[f]).join(', ')}`,
    };
  }
  if (body.length > MAX_ROWS) return { rows: [], problems, fatal: `the file has ${body.length} rows; at most ${MAX_ROWS} are accepted` };

  const rows: AgencyRow[] = [];
  const licenseLine = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    const v: Partial<Record<Field, string>> = {};
    columns.forEach((f, i) => {
      if (f && record[i] !== undefined && record[i] !== '') v[f] = record[i];
    });
    const reasons: string[] = [];
    const long = (Object.keys(v) as Field[]).filter((f) => (v[f] as string).length > MAX_FIELD_CHARS);
    if (long.length) reasons.push(`${long.join(', ')} longer than ${MAX_FIELD_CHARS} characters`);
    const name = v.name ?? '';
    const nameNorm = normalizeName(name);
    if (!name) reasons.push('name is empty');
    else if (!nameNorm) reasons.push(`name "${name}" has no letters or digits besides the legal form`);
    const license = v.license ?? '';
    const licenseNorm = normalizeLicense(license);
    if (!licenseNorm) reasons.push('license number is empty');
    const statusRaw = (v.status ?? '').toLowerCase().replace(/\s+/g, ' ');
    const status = STATUS_ALIASES[statusRaw];
    if (!status) reasons.push(statusRaw ? `unknown status "${v.status}" (use active/aktif, suspended/skorsing, revoked/dicabut, expired/kedaluwarsa)` : 'status is empty');
    let validUntil: string | null = null;
    if (v.validUntil) {
      validUntil = parseDate(v.validUntil);
      if (!validUntil) reasons.push(`valid-until date "${v.validUntil}" is not a date (use YYYY-MM-DD or DD/MM/YYYY)`);
    }
    if (licenseNorm && !reasons.length) {
      const first = licenseLine.get(licenseNorm);
      if (first !== undefined) reasons.push(`license number ${license} already appears on line ${first}`);
    }
    if (reasons.length) {
      problems.push({ line, reason: reasons.join('; ') });
      continue;
    }
    licenseLine.set(licenseNorm, line);
    rows.push({
      line,
      name,
      nameNorm,
      license,
      licenseNorm,
      status: status as AgencyStatus,
      validUntil,
      address: v.address ?? null,
      city: v.city ?? null,
      province: v.province ?? null,
      phone: v.phone ?? null,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems };
}
