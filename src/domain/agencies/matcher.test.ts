import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrate, type DB } from '../../store/db.js';
import { importAgencies } from './importer.js';
import { findAgencies, MAX_RESULTS } from './matcher.js';
import { normalizeLicense, normalizeName } from './normalize.js';
import { osaDistance } from './similarity.js';
import { TEST_REGISTER_CSV } from '../../testing/agencyRegister.js';

const TODAY = '2026-11-27';
let db: DB;

beforeAll(() => {
  db = new Database(':memory:');
  migrate(db);
  expect(importAgencies(db, TEST_REGISTER_CSV, { source: 'test', now: 0 }).outcome).toBe('imported');
});

/** The first result, as a user would read it: name, strong/weak, status. */
function top(query: string, today = TODAY) {
  const r = findAgencies(db, query, today);
  const m = r.matches[0];
  return m ? { name: m.agency.name, strength: m.strength, status: m.status, strongCount: r.matches.filter((x) => x.strength === 'strong').length } : null;
}

describe('normalization', () => {
  it('drops the legal form, punctuation, case and old spellings', () => {
    expect(normalizeName('P.T. SUMBER REZEKI ABADI, Tbk.')).toBe(normalizeName('sumber rejeki abadi'));
    expect(normalizeName('PT. Tjahaja Djaja')).toBe(normalizeName('Cahaya Jaya'));
    expect(normalizeName('Soerabaja Chairul')).toBe(normalizeName('Surabaya Khairul'));
    expect(normalizeName('Mitra  Karya  II')).not.toBe(normalizeName('Mitra Karya I'));
  });
  it('compares license numbers without separators or case', () => {
    expect(normalizeLicense('uji/sip3mi/0001/2024')).toBe(normalizeLicense('UJI-SIP3MI 0001.2024'));
  });
  it('counts an adjacent swap as one edit', () => {
    expect(osaDistance('karya', 'kraya')).toBe(1);
    expect(osaDistance('abadi', 'abdi')).toBe(1);
  });
});

describe('matching a name', () => {
  it('finds the exact name as licensed', () => {
    expect(top('PT Contoh Sumber Rezeki Abadi')).toMatchObject({ name: 'PT Contoh Sumber Rezeki Abadi', strength: 'strong', status: 'active' });
  });

  it.each(['P.T. Sumber Rezeki Abadi', 'PT. sumber rezeki abadi', 'pt sumber rezeki abadi tbk', 'Sumber Rezeki Abadi', 'P. T. Sumber-Rezeki Abadi'])(
    '"PT." variants and punctuation: %s',
    (q) => expect(top(q)).toMatchObject({ name: 'PT Contoh Sumber Rezeki Abadi', strength: 'strong', status: 'active' }),
  );

  it.each(['SUMBER REZEKI ABADI', 'sUmBeR rEzEkI aBaDi'])('capitalization: %s', (q) =>
    expect(top(q)).toMatchObject({ name: 'PT Contoh Sumber Rezeki Abadi', strength: 'strong' }),
  );

  it.each(['Soember Rejeki Abadi', 'Sumber Rejeki Abadi', 'Sumberrejeki Abadi'])('spelling variants and spacing: %s', (q) =>
    expect(top(q)).toMatchObject({ name: 'PT Contoh Sumber Rezeki Abadi', strength: 'strong' }),
  );

  it('old spellings find the modern name (and its revoked status)', () => {
    expect(top('PT Tjahaja Djaja Noesantara')).toMatchObject({ name: 'PT Contoh Cahaya Jaya Nusantara', strength: 'strong', status: 'revoked' });
    expect(top('Chairul Amanah')).toMatchObject({ name: 'PT Contoh Khairul Amanah', strength: 'strong' });
  });

  it.each([
    ['Sumber Rezeki Abadu', 'one wrong letter'],
    ['Sumber Rezki Abadi', 'one missing letter'],
    ['Bina Kraya Mandiri', 'two swapped letters'],
    ['Sumbr Rezeki Abdi', 'two missing letters'],
    ['Bina Karia Mandiry', 'two wrong letters'],
  ])('typos: %s (%s)', (q) => {
    const t = top(q);
    expect(t?.strength).toBe('strong');
    expect(t?.name).toMatch(/Sumber Rezeki Abadi|Bina Karya Mandiri/);
  });

  it.each(['Abadi Sumber Rezeki', 'Mandiri Karya Bina', 'rezeki abadi sumber PT'])('word order: %s', (q) =>
    expect(top(q)?.strength).toBe('strong'),
  );

  it('missing words: the company is offered first, but only as "did you mean"', () => {
    const r = findAgencies(db, 'Sumber Rezeki', TODAY);
    expect(r.matches[0].agency.name).toBe('PT Contoh Sumber Rezeki Abadi');
    expect(r.matches.every((m) => m.strength === 'weak')).toBe(true);
  });

  it('a name that only resembles a licensed one is never reported as licensed', () => {
    for (const q of ['Sumber Rezeki Abadi Sentosa', 'Bina Karya Mandiri Jaya', 'Sumber Rezeki Makmur', 'Bina Karya Internasional']) {
      const r = findAgencies(db, q, TODAY);
      expect(r.matches.filter((m) => m.strength === 'strong'), q).toEqual([]);
    }
  });

  it('a sister company with a number is a different company', () => {
    expect(top('Kancil Perkasa')).toMatchObject({ name: 'PT Contoh Kancil Perkasa', status: 'active', strongCount: 1 });
    expect(top('Kancil Perkasa II')).toMatchObject({ name: 'PT Contoh Kancil Perkasa II', status: 'suspended', strongCount: 1 });
  });

  it('when the exact name exists, near names are only offered as "did you mean"', () => {
    const r = findAgencies(db, 'Kenari Karya Bersama', TODAY);
    expect(r.matches[0]).toMatchObject({ strength: 'strong' });
    expect(r.matches.slice(1).every((m) => m.strength === 'weak')).toBe(true);
  });

  it('reports revoked, suspended and expired companies as such', () => {
    expect(top('Cahaya Jaya Nusantara')?.status).toBe('revoked');
    expect(top('Kancil Perkasa II')?.status).toBe('suspended');
    expect(top('Merpati Karya Utama')?.status).toBe('expired');
  });

  it('an "active" license past its valid-until date is expired', () => {
    expect(top('Mitra Sejahtera', '2026-11-27')?.status).toBe('expired');
    expect(top('Mitra Sejahtera', '2025-06-30')?.status).toBe('active');
  });

  it('finds nothing for an unknown name', () => {
    expect(findAgencies(db, 'Untung Besar Selamanya', TODAY).matches).toEqual([]);
    expect(findAgencies(db, 'PT', TODAY).matches).toEqual([]);
  });

  it(`shows at most ${MAX_RESULTS} results`, () => {
    const r = findAgencies(db, 'Karya', TODAY);
    expect(r.matches.length).toBe(MAX_RESULTS);
    expect(r.matches.every((m) => m.strength === 'weak')).toBe(true);
  });
});

describe('matching a license number', () => {
  it.each(['UJI/SIP3MI/0002/2024', 'uji sip3mi 0002 2024', 'UJISIP3MI00022024', 'uji-sip3mi-0002-2024'])('with and without separators: %s', (q) => {
    const r = findAgencies(db, q, TODAY);
    expect(r.by).toBe('license');
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]).toMatchObject({ strength: 'strong', status: 'active' });
    expect(r.matches[0].agency.name).toBe('PT Contoh Bina Karya Mandiri');
  });

  it('a partial license number is only a suggestion', () => {
    const r = findAgencies(db, 'SIP3MI 0002 2024', TODAY);
    expect(r.matches[0]).toMatchObject({ strength: 'weak' });
  });

  it('an unknown license number finds nothing', () => {
    expect(findAgencies(db, 'UJI/SIP3MI/9999/2024', TODAY).matches).toEqual([]);
  });
});
