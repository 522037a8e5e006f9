/** Institutions as data: sourced, named in every language, old names kept, and used by texts and referrals. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERRAL_TARGETS } from './cases/ops.js';
import { getInstitutions, institution, referralTargets } from './institutions.js';
import { SHIPPED_DATA_DIR, allHotlines } from './reference.js';

const LANGS = ['id', 'en', 'jv'] as const;
const LOCALES = path.join(SHIPPED_DATA_DIR, '..', 'locales');

function localeTexts(lang: string): string {
  return fs
    .readdirSync(path.join(LOCALES, lang))
    .map((f) => fs.readFileSync(path.join(LOCALES, lang, f), 'utf8'))
    .join('\n');
}

describe('data/institutions.json', () => {
  it('names every institution the issue lists, each with a source, a check date and a name in three languages', () => {
    const ids = getInstitutions().map((i) => i.id);
    for (const id of ['kp2mi', 'kp2mi-crisis-center', 'bp3mi-jatim', 'p4mi-banyuwangi', 'disnaker-banyuwangi', 'kbri-kjri', 'kdei-taipei', 'gugus-tugas-tppo']) expect(ids).toContain(id);
    for (const i of getInstitutions()) {
      expect(i.checked, i.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(i.source.length, i.id).toBeGreaterThan(0);
      for (const l of LANGS) expect(i.display[l], `${i.id} ${l}`).toBeTruthy();
    }
    expect(institution('kp2mi').formerly).toContain('BP2MI');
    expect(institution('kp2mi-crisis-center').display.id).toBe('Crisis Center KP2MI (dulu BP2MI)');
    expect(institution('p4mi-banyuwangi').formerly).toContain('UPT BP2MI Banyuwangi');
  });

  it('every referral target officers can pick is an institution, and every emergency entry points to a known one', () => {
    expect([...referralTargets()].sort()).toEqual([...REFERRAL_TARGETS].sort());
    for (const h of allHotlines()) if (h.institution) expect(() => institution(h.institution!)).not.toThrow();
  });

  it('texts never name the agency by its old name alone: BP2MI appears only as the former name', () => {
    for (const l of LANGS) {
      const text = localeTexts(l);
      const former = institution('kp2mi-crisis-center').display[l].match(/\(([^)]*BP2MI)\)/)![1];
      const bare = text.split(former).join('').match(/.{0,30}BP2MI.{0,30}/g);
      expect(bare, l).toBeNull();
      expect(text).toContain(institution('kp2mi-crisis-center').display[l]);
    }
  });
});
