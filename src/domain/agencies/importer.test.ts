import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, type DB } from '../../store/db.js';
import { importAgencies, loadSampleIfEmpty, SAMPLE_CSV_PATH } from './importer.js';
import { findAgencies } from './matcher.js';
import { currentImport } from './register.js';
import { TEST_REGISTER_CSV } from '../../testing/agencyRegister.js';
import fs from 'node:fs';

let db: DB;
beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
});
const names = () => db.prepare('SELECT name FROM agencies ORDER BY name').pluck().all() as string[];

describe('agency import', () => {
  it('loads good rows and reports every bad row with its line number and reason', () => {
    const csv = [
      'Nama;Nomor Izin;Status;Berlaku Sampai;Alamat;Kota;Provinsi;Telepon', // line 1, semicolons, Indonesian headers
      'PT Contoh Baik Satu;UJI-1;aktif;31/12/2030;Jl. Uji;Kediri;Jawa Timur;', // 2 ok
      ';UJI-2;aktif;2030-01-01;;;;', // 3 no name
      'PT Contoh Tanpa Izin;;aktif;2030-01-01;;;;', // 4 no license
      'PT Contoh Status Aneh;UJI-4;mungkin;2030-01-01;;;;', // 5 unknown status
      'PT Contoh Tanggal Salah;UJI-5;aktif;31/02/2030;;;;', // 6 impossible date
      'PT Contoh Kembar;uji 1;aktif;2030-01-01;;;;', // 7 duplicate license of line 2
      '', // 8 empty line, skipped
      'PT Contoh Baik Dua;UJI-6;dicabut;;;Blitar;;', // 9 ok, no date
    ].join('\n');
    const r = importAgencies(db, csv, { source: 'test.csv', now: 1000 });
    expect(r.outcome).toBe('imported');
    expect(r.loaded).toBe(2);
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7]);
    expect(r.problems[0].reason).toMatch(/name is empty/);
    expect(r.problems[1].reason).toMatch(/license number is empty/);
    expect(r.problems[2].reason).toMatch(/unknown status "mungkin"/);
    expect(r.problems[3].reason).toMatch(/"31\/02\/2030" is not a date/);
    expect(r.problems[4].reason).toMatch(/already appears on line 2/);
    expect(names()).toEqual(['PT Contoh Baik Dua', 'PT Contoh Baik Satu']);
    expect(db.prepare("SELECT valid_until FROM agencies WHERE name = 'PT Contoh Baik Satu'").pluck().get()).toBe('2030-12-31');
    expect(currentImport(db)).toMatchObject({ source: 'test.csv', importedAt: 1000, rowsLoaded: 2, rowsRejected: 5, isSample: false });
  });

  it('accepts English headers and statuses, quoted fields and a BOM', () => {
    const csv = '\uFEFFname,license number,status,valid until,city\n"PT Contoh Koma, Titik",UJI-9,Suspended,2030-01-01,Malang\n';
    const r = importAgencies(db, csv, { source: 't', now: 1 });
    expect(r).toMatchObject({ outcome: 'imported', loaded: 1, problems: [] });
    expect(db.prepare('SELECT name, status, city FROM agencies').get()).toEqual({ name: 'PT Contoh Koma, Titik', status: 'suspended', city: 'Malang' });
  });

  it('rejects a file without the required columns and keeps the current list', () => {
    importAgencies(db, TEST_REGISTER_CSV, { source: 'first', now: 1 });
    const r = importAgencies(db, 'nama,kota\nPT Contoh X,Kediri\n', { source: 'second', now: 2 });
    expect(r.outcome).toBe('rejected');
    expect(r.reason).toMatch(/line 1: the header lacks the column\(s\) license number\/nomor izin, status/);
    expect(names()).toHaveLength(13);
    expect(currentImport(db)?.source).toBe('first');
  });

  it('rejects a file whose every row is bad, keeping the current list', () => {
    importAgencies(db, TEST_REGISTER_CSV, { source: 'first', now: 1 });
    const r = importAgencies(db, 'name,license,status\nPT Contoh X,,aktif\n', { source: 'bad', now: 2 });
    expect(r).toMatchObject({ outcome: 'rejected', problems: [{ line: 2 }] });
    expect(names()).toHaveLength(13);
  });

  it('a re-import of the same file changes nothing', () => {
    const first = importAgencies(db, TEST_REGISTER_CSV, { source: 'a.csv', now: 1 });
    const ids = db.prepare('SELECT id FROM agencies ORDER BY id').pluck().all();
    const again = importAgencies(db, TEST_REGISTER_CSV, { source: 'a-copy.csv', now: 99 });
    expect(again.outcome).toBe('unchanged');
    expect(again.sha256).toBe(first.sha256);
    expect(db.prepare('SELECT COUNT(*) FROM agency_imports').pluck().get()).toBe(1);
    expect(db.prepare('SELECT id FROM agencies ORDER BY id').pluck().all()).toEqual(ids);
    expect(currentImport(db)).toMatchObject({ source: 'a.csv', importedAt: 1 });
  });

  it('replaces the previous list, and the search index with it', () => {
    importAgencies(db, TEST_REGISTER_CSV, { source: 'old', now: 1 });
    importAgencies(db, 'name,license,status\nPT Contoh Baru Sekali,UJI-NEW,aktif\n', { source: 'new', now: 2 });
    expect(names()).toEqual(['PT Contoh Baru Sekali']);
    expect(findAgencies(db, 'Bina Karya Mandiri', '2026-01-01').matches).toEqual([]);
    expect(findAgencies(db, 'Baru Sekali', '2026-01-01').matches[0]).toMatchObject({ strength: 'strong' });
  });

  it('is atomic: a failure in the middle of an import leaves the old list whole', () => {
    importAgencies(db, TEST_REGISTER_CSV, { source: 'old', now: 1 });
    db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON agencies WHEN NEW.name = 'PT Contoh Ledakan' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const csv = 'name,license,status\nPT Contoh Satu,UJI-A,aktif\nPT Contoh Ledakan,UJI-B,aktif\n';
    expect(() => importAgencies(db, csv, { source: 'new', now: 2 })).toThrow(/disk full/);
    expect(names()).toHaveLength(13);
    expect(currentImport(db)?.source).toBe('old');
    expect(findAgencies(db, 'Bina Karya Mandiri', '2026-01-01').matches[0]).toMatchObject({ strength: 'strong' });
  });

  it('loads the shipped fictional sample only into an empty register, labelled as fictional', () => {
    const r = loadSampleIfEmpty(db, 5);
    expect(r).toMatchObject({ outcome: 'imported', loaded: 200, problems: [], isSample: true });
    expect(currentImport(db)?.source).toMatch(/FICTIONAL/);
    expect(loadSampleIfEmpty(db, 6)).toBeNull();
    const rows = db.prepare('SELECT name, license_no AS license, status FROM agencies').all() as { name: string; license: string; status: string }[];
    expect(rows.every((x) => x.name.startsWith('PT Contoh ') && x.license.startsWith('CONTOH/'))).toBe(true);
    expect(new Set(rows.map((x) => x.status))).toEqual(new Set(['active', 'suspended', 'revoked', 'expired']));
    expect(rows.some((x) => /multi intan amanah/i.test(x.name))).toBe(false);
  });

  it('marks any list made only of CONTOH license numbers as the fictional sample', () => {
    const r = importAgencies(db, fs.readFileSync(SAMPLE_CSV_PATH, 'utf8'), { source: 'file: copy.csv', now: 1 });
    expect(r.isSample).toBe(true);
    expect(currentImport(db)).toMatchObject({ isSample: true, source: 'FICTIONAL SAMPLE DATA: file: copy.csv' });
  });
});
