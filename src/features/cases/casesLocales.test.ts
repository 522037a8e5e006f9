import { describe, expect, it } from 'vitest';
import { loadResources } from '../../i18n.js';

type Tree = { [k: string]: string | Tree };

function flatten(t: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}

const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('case texts', () => {
  it('exist in Indonesian, English and Javanese with the same variables, and Javanese is not Indonesian copied', () => {
    const res = loadResources();
    for (const group of ['complaint', 'case', 'caseStatus', 'officer', 'emergency', 'account']) {
      const en = flatten(res.en[group] as Tree);
      for (const lang of ['id', 'jv'] as const) {
        const other = flatten(res[lang][group] as Tree);
        expect(Object.keys(other).sort(), `${lang}/${group}.json keys`).toEqual(Object.keys(en).sort());
        for (const [k, v] of Object.entries(en)) expect(vars(other[k]), `${lang} ${group}.${k}`).toEqual(vars(v));
      }
      const id = flatten(res.id[group] as Tree);
      const jv = flatten(res.jv[group] as Tree);
      const long = Object.keys(id).filter((k) => id[k].replace(/{{\w+}}/g, '').length > 40);
      const copied = long.filter((k) => id[k] === jv[k]);
      expect(copied, `${group}: Javanese identical to Indonesian`).toEqual([]);
    }
  });
});
