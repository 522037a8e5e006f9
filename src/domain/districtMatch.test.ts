/** A typed home district: names, names with the village, common misspellings, "outside", and unclear answers. */
import { describe, expect, it } from 'vitest';
import { matchDistrict } from './districtMatch.js';

/** The district and village found, or what was found instead (so a failure shows it). */
const district = (text: string): { id?: string; village?: string | null; kind?: string } => {
  const m = matchDistrict(text);
  return m.kind === 'district' ? { id: m.district.id, village: m.village } : m;
};

describe('matchDistrict', () => {
  it('takes a district typed as it is written, in any case, with "kecamatan" or the regency around it', () => {
    expect(district('Genteng')).toEqual({ id: 'genteng', village: null });
    expect(district('kec. MUNCAR')).toEqual({ id: 'muncar', village: null });
    expect(district('Kecamatan Glagah, Kabupaten Banyuwangi, Jawa Timur')).toEqual({ id: 'glagah', village: null });
  });

  it('keeps what is left as the village', () => {
    expect(district('Desa Kemiren, Glagah')).toEqual({ id: 'glagah', village: 'Desa Kemiren' });
    expect(district('kembiritan genteng banyuwangi')).toEqual({ id: 'genteng', village: 'kembiritan' });
    expect(district('Kalibaru Wetan, Kalibaru')).toEqual({ id: 'kalibaru', village: 'Kalibaru Wetan' });
    expect(district('Kel. Penganjuran, Kec. Banyuwangi')).toEqual({ id: 'banyuwangi', village: 'Kel Penganjuran' });
  });

  it('matches common misspellings: Javanese and old spelling, split words, doubled or missing letters, a wrong letter', () => {
    expect(district('Gentheng').id).toBe('genteng');
    expect(district('Singajuruh').id).toBe('singojuruh');
    expect(district('Muntjar').id).toBe('muncar');
    expect(district('Tegal Dlimo').id).toBe('tegaldlimo');
    expect(district('Pesangaran').id).toBe('pesanggaran');
    expect(district('Glenmor').id).toBe('glenmore');
    expect(district('rogojampy').id).toBe('rogojampi');
    expect(district('Wongsoredjo').id).toBe('wongsorejo');
    expect(district('Blimbing Sari').id).toBe('blimbingsari');
    expect(district('Rogo').id).toBe('rogojampi');
  });

  it('"outside Banyuwangi" in three languages', () => {
    for (const t of ['luar', 'luar Banyuwangi', 'outside', 'not from Banyuwangi', 'bukan Banyuwangi', 'njawi', 'sanes Banyuwangi']) expect(matchDistrict(t), t).toEqual({ kind: 'outside' });
  });

  it('offers a short list when unclear, and never guesses', () => {
    const ids = (t: string) => {
      const m = matchDistrict(t);
      return m.kind === 'unsure' ? m.candidates.map((d) => d.id) : m.kind;
    };
    // "Tegal" begins two districts; "Banyuwangi" alone may mean the regency.
    expect(ids('Tegal')).toEqual(['tegaldlimo', 'tegalsari']);
    expect(ids('Banyuwangi')).toEqual(['banyuwangi']);
    expect(ids('Genteng Muncar')).toEqual(['genteng', 'muncar']);
    // A misspelling inside a long answer is offered, not taken.
    expect(ids('saya tinggal di dekat pasar glenmor sebelah masjid')).toEqual(['glenmore']);
    expect(ids('Surabaya')).toEqual([]);
    // "not sure" is not "outside".
    expect(ids('not sure')).toEqual([]);
    expect(ids('12')).toEqual([]);
  });
});
