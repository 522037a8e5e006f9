/**
 * Deterministic FICTIONAL agency registers: the shipped sample (data/agencies-sample-fictional.csv)
 * and the 10,000-row register of the benchmark. Every name starts with "Contoh" ("example") and
 * every license number with "CONTOH/", so no row can be mistaken for a real company.
 */
import { seededRandom } from '../../core/prng.js';

const FIRST = [
  'Kancil', 'Merpati', 'Cendana', 'Kenari', 'Melati', 'Anggrek', 'Rajawali', 'Cempaka', 'Kencana', 'Tjahaja',
  'Soerya', 'Bintang', 'Pelangi', 'Samudra', 'Gunung', 'Mentari', 'Purnama', 'Cakrawala', 'Nusa', 'Sekar',
  'Widya', 'Dharma', 'Arunika', 'Candra', 'Bayu', 'Tirta', 'Puspa', 'Jati', 'Wijaya', 'Lintang',
  'Ratna', 'Kartika', 'Sinar', 'Mutiara', 'Teratai', 'Garuda', 'Angsa', 'Kijang', 'Banyu', 'Lestari',
];
const SECOND = [
  'Karya', 'Bakti', 'Mandiri', 'Sentosa', 'Makmur', 'Abadi', 'Djaja', 'Sejahtera', 'Mulia', 'Utama',
  'Perkasa', 'Persada', 'Harapan', 'Berkah', 'Anugerah', 'Sukses', 'Amanah', 'Bersama', 'Raya', 'Gemilang',
  'Permai', 'Indah', 'Sakti', 'Luhur', 'Prima', 'Insani', 'Rezeki', 'Tama', 'Buana', 'Nusantara',
  'Cipta', 'Kreasi', 'Citra', 'Mitra', 'Sarana', 'Wisesa', 'Pratama', 'Handal', 'Jaya', 'Santosa',
];
const THIRD = ['', '', '', '', 'Internasional', 'Indonesia', 'Global', 'Sejati', 'Utama', 'Bersaudara', 'Nusantara', 'Abadi'];
const PLACES: [string, string][] = [
  ['Banyuwangi', 'Jawa Timur'], ['Jember', 'Jawa Timur'], ['Surabaya', 'Jawa Timur'], ['Malang', 'Jawa Timur'],
  ['Kediri', 'Jawa Timur'], ['Blitar', 'Jawa Timur'], ['Ponorogo', 'Jawa Timur'], ['Tulungagung', 'Jawa Timur'],
  ['Jakarta Timur', 'DKI Jakarta'], ['Jakarta Selatan', 'DKI Jakarta'], ['Semarang', 'Jawa Tengah'], ['Cilacap', 'Jawa Tengah'],
  ['Bandung', 'Jawa Barat'], ['Indramayu', 'Jawa Barat'], ['Bekasi', 'Jawa Barat'], ['Tangerang', 'Banten'],
  ['Mataram', 'Nusa Tenggara Barat'], ['Lombok Timur', 'Nusa Tenggara Barat'],
];

/** Header of the fictional files (Indonesian aliases, as an operator's export would have). */
export const FICTIONAL_HEADER = ['nama', 'nomor_izin', 'status', 'berlaku_sampai', 'alamat', 'kota', 'provinsi', 'telepon'];


export interface FictionalOptions {
  count: number;
  seed?: number;
}

/** Rows of a fictional register: ~70% active (some already past valid-until), the rest suspended, revoked or expired. */
export function fictionalRows({ count, seed = 20261127 }: FictionalOptions): string[][] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const names = new Set<string>();
  const rows: string[][] = [];
  const capacity = FIRST.length * SECOND.length * new Set(THIRD).size;
  if (count > capacity) throw new RangeError(`at most ${capacity} distinct fictional names`);
  for (let i = 0; rows.length < count; i++) {
    const third = pick(THIRD);
    const name = ['PT Contoh', pick(FIRST), pick(SECOND), third].filter(Boolean).join(' ');
    if (names.has(name)) continue;
    names.add(name);
    const n = rows.length + 1;
    const issued = 2019 + Math.floor(rnd() * 6);
    const license = `CONTOH/SIP3MI/${String(n).padStart(5, '0')}/${issued}`;
    const kind = n % 10;
    const status = kind === 0 ? 'dicabut' : kind === 1 ? 'skorsing' : kind === 2 ? 'kedaluwarsa' : 'aktif';
    // kind 3: still marked active in the file but past its date (the bot must call it expired).
    const year = kind === 2 || kind === 3 ? 2023 + Math.floor(rnd() * 3) : 2027 + Math.floor(rnd() * 5);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const pad = (x: number) => String(x).padStart(2, '0');
    const date = n % 3 === 0 ? `${pad(day)}/${pad(month)}/${year}` : `${year}-${pad(month)}-${pad(day)}`;
    const [city, province] = pick(PLACES);
    rows.push([name, license, status, date, `Jl. Contoh Fiktif No. ${1 + Math.floor(rnd() * 200)}`, city, province, '']);
  }
  return rows;
}

/** The rows as CSV text (RFC 4180 quoting). */
export function toCsv(header: string[], rows: string[][]): string {
  const cell = (v: string) => (/[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** A whole fictional register as CSV text. */
export function fictionalRegisterCsv(opts: FictionalOptions): string {
  return toCsv(FICTIONAL_HEADER, fictionalRows(opts));
}
