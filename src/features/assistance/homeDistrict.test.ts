/** An assistance request stores the home district named in the typed address, for the dashboard filter. */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { casesTestEnv, startUser, typeAll } from '../../testing/cases.js';
import { createTestApp } from '../../testing/harness.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

describe('assistance request: home district', () => {
  for (const [lang, need] of [
    ['id', 'Anak saya butuh bantuan biaya sekolah.'],
    ['en', 'My daughter needs help with school costs.'],
    ['jv', 'Putra kula mbetahaken pambiyantu wragad sekolah.'],
  ] as const)
    it(`[${lang}] "Desa Kemiren, Glagah" is filed under the district Glagah with the village text`, async () => {
      app = createTestApp({ env: casesTestEnv });
      const u = await startUser(app, lang);
      // Ask for help → not sure which programme (5) → myself.
      await typeAll(u, ['5', '2', '5', '1', 'Desa Kemiren, Glagah', need, '1']);
      await u.say('1');
      expect(app.db.prepare('SELECT kind, home_district, home_village FROM cases ORDER BY id DESC LIMIT 1').get()).toEqual({ kind: 'assistance', home_district: 'glagah', home_village: 'Desa Kemiren, Glagah' });
    });
});
