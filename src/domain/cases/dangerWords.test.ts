import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_DATA_DIR } from '../reference.js';
import { type DangerList, findDanger, hasDangerWords } from './dangerWords.js';

describe('danger words (data/danger-words.json)', () => {
  it('every group names its language, a source and notes', () => {
    const list = JSON.parse(fs.readFileSync(path.join(SHIPPED_DATA_DIR, 'danger-words.json'), 'utf8')) as DangerList;
    for (const g of list.groups) {
      expect(['id', 'en', 'jv']).toContain(g.lang);
      expect(g.source.length).toBeGreaterThan(10);
      expect(typeof g.notes).toBe('string');
      expect(g.phrases.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['saya dipukul majikan, takut', 'id'],
    ['Saya DIPUKULIN terus sama majikan', 'id'],
    ['sy dikurung di kamar, gak boleh keluar', 'id'],
    ['tolong saya, paspor ditahan dan saya tidak diberi makan', 'id'],
    ['Majikan saya memukul. Saya disiksa tiap hari!!', 'id'],
    ['My employer beat me yesterday', 'en'],
    ['he locked me in the room', 'en'],
    ['I want to die', 'en'],
    ['pls help me im scared', 'en'],
    ['kula digebugi juragan', 'jv'],
    ['aku dikunci ora oleh metu', 'jv'],
    ['kula mboten dipunparingi nedha', 'jv'],
  ] as const)('%s → danger (%s)', (text, lang) => {
    expect(findDanger(text)?.lang).toBe(lang);
  });

  it.each([
    'saya tidak dipukul',
    'saya tidak pernah dipukul, cuma gaji belum dibayar',
    'I was not beaten, but my wages are late',
    'kula mboten digebugi, namung gaji dereng dibayar',
    'apa nomor polisi?',
    'what number do I call if my employer hits me?',
    'nomer kontak KJRI pripun?',
    'My wages were not paid',
    'grapes and bread',
    'can you help me with my passport?',
  ])('%s → no alarm', (text) => {
    expect(findDanger(text)).toBeNull();
  });

  it('hasDangerWords agrees with findDanger and takes empty input', () => {
    expect(hasDangerWords('I was BEATEN yesterday')).toBe(true);
    expect(hasDangerWords('')).toBe(false);
    expect(hasDangerWords(null)).toBe(false);
  });
});
