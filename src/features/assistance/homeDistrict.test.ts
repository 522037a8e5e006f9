/** An assistance request asks the home district and village with the same questions as a report, in three languages. */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { casesTestEnv, startUser, tr, typeAll } from '../../testing/cases.js';
import { createTestApp } from '../../testing/harness.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

const SKIP = { id: 'Lewati', en: 'Skip', jv: 'Liwati' } as const;
const stored = () => app.db.prepare('SELECT kind, home_district AS district, home_village AS village, details FROM cases ORDER BY id DESC LIMIT 1').get() as Record<string, string | null>;

describe('assistance request: home district and village', () => {
  for (const [lang, need] of [
    ['id', 'Anak saya butuh bantuan biaya sekolah.'],
    ['en', 'My daughter needs help with school costs.'],
    ['jv', 'Putra kula mbetahaken pambiyantu wragad sekolah.'],
  ] as const) {
    it(`[${lang}] "Desa Kemiren, Glagah" in one answer: district Glagah, village "Desa Kemiren"`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const u = await startUser(app, lang);
      // Ask for help → not sure which programme (5) → myself.
      const asked = await typeAll(u, ['5', '2', '5', '1']);
      expect(asked.at(-1)).toBe(`${tr(app, lang, 'assistance.req.home')}\n\n-. ${SKIP[lang]}`);
      expect((await u.say('Desa Kemiren, Glagah'))[0]).toBe(tr(app, lang, 'assistance.req.need'));
      await typeAll(u, [need, '1', '1']);
      expect(stored()).toMatchObject({ kind: 'assistance', district: 'glagah', village: 'Desa Kemiren' });
    });

    it(`[${lang}] a misspelled district, then the village; or "-" to skip both`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const u = await startUser(app, lang);
      await typeAll(u, ['5', '2', '5', '1']);
      expect(await u.say('Gentheng')).toEqual([`${tr(app, lang, 'home.askVillage', { district: 'Genteng' })}\n\n-. ${SKIP[lang]}`]);
      await typeAll(u, ['Kembiritan', need, '1', '1']);
      expect(stored()).toMatchObject({ district: 'genteng', village: 'Kembiritan' });

      await typeAll(u, ['menu', '5', '2', '5', '1']);
      expect((await u.say('-'))[0]).toBe(tr(app, lang, 'assistance.req.need'));
      await typeAll(u, [need, '1', '1']);
      expect(stored()).toMatchObject({ district: null, village: null });
      expect(JSON.parse(stored().details as string)).toMatchObject({ village: '' });
    });
  }
});
