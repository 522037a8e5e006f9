/** data/eligibility.json: every line sourced or marked a placeholder, in three languages, for programmes that take applications; confirmations lapse when texts change. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../core/types.js';
import { openDatabase } from '../../store/db.js';
import type { DB } from '../../store/db.js';
import { tempDataDir } from '../../testing/harness.js';
import { addOfficer } from '../officers/accounts.js';
import { getPrograms } from './programs.js';
import {
  ELIGIBILITY_SECTIONS,
  type EligibilityTexts,
  allEligibility,
  confirmEligibility,
  eligibilityConfirmations,
  eligibilityTextProblems,
  isEligibilityConfirmed,
  saveEligibilityTexts,
} from './eligibility.js';

const SOURCES = fs.readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'docs', 'SOURCES.md'), 'utf8');

let db: DB | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

describe('eligibility data', () => {
  it('covers exactly the programmes that take applications, each line in every language with a source or marked a placeholder', () => {
    const applying = getPrograms().filter((p) => p.apply).map((p) => p.id);
    expect(allEligibility().map((e) => e.program).sort()).toEqual([...applying].sort());
    expect(applying).toEqual(['education', 'economic']);
    for (const e of allEligibility()) {
      expect(e.checked, e.program).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.who.length, `${e.program} who`).toBeGreaterThan(0);
      expect(e.documents.length, `${e.program} documents`).toBeGreaterThan(0);
      for (const section of ELIGIBILITY_SECTIONS) {
        for (const item of e[section]) {
          for (const l of LANGUAGES) expect(item.text[l]?.trim(), `${e.program} ${section} ${l}`).toBeTruthy();
          // Nothing invented: a fact names its source (and docs/SOURCES.md lists the programme), or it is a placeholder.
          expect(Boolean(item.source) !== Boolean(item.placeholder), `${e.program} ${section}: ${item.text.en}`).toBe(true);
          if (item.source) expect(SOURCES).toContain(`\`data/eligibility.json\` (\`${e.program}\`)`);
        }
      }
    }
  });

  it('an admin’s confirmation lapses when the texts change, and texts must line up across languages', async () => {
    db = openDatabase(path.join(tempDataDir(), 'helpline.sqlite'));
    const { officer } = await addOfficer(db, { username: 'ana', password: 'correct horse battery staple', role: 'admin' }, 0);
    expect(isEligibilityConfirmed(db, 'education')).toBe(false);
    expect(confirmEligibility(db, 'education', officer, 1000)).toBe(true);
    expect(confirmEligibility(db, 'skills', officer, 1000)).toBe(false);
    expect(eligibilityConfirmations(db).get('education')).toMatchObject({ confirmedByName: 'ana', confirmedAt: 1000, current: true });
    const texts: EligibilityTexts = {
      who: { id: ['Anak pekerja migran'], en: ['Children of migrant workers'], jv: ['Putra-putrinipun pekerja migran'] },
      about: { id: [], en: [], jv: [] },
      documents: { id: ['Kartu Keluarga'], en: ['Family card'], jv: [] },
    };
    expect(eligibilityTextProblems(texts)).toEqual(['sameCount', 'required']);
    expect(saveEligibilityTexts(db, 'education', texts, officer, 2000)).toBe(false);
    texts.documents.jv = ['Kartu Keluarga'];
    expect(saveEligibilityTexts(db, 'education', texts, officer, 2000)).toBe(true);
    expect(isEligibilityConfirmed(db, 'education')).toBe(false);
    expect(eligibilityConfirmations(db).get('education')?.current).toBe(false);
  });
});
