/** Saved replies: filled and sent in the reporter's language, from chat (`/reply REF #shortname`). */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestUser } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { fillSavedReply, pickSavedReply, saveSavedReply, savedReplyProblem } from '../../domain/officers/savedReplies.js';
import { addOfficer } from '../../domain/officers/accounts.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

async function report(u: TestUser, story: string): Promise<string> {
  await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', story, 'done', '-', '1']);
  const { ref } = refAndPin(await u.say('1'));
  await u.say('1');
  return ref;
}

async function seed(): Promise<void> {
  const author = (await addOfficer(app.db, { username: 'ana', password: 'correct horse battery staple' }, 0)).officer.id;
  saveSavedReply(app.db, { shortname: 'terima', language: 'id', body: 'Kasus {{ref}} kami terima. Salam, {{officer}}.' }, author, 0);
  saveSavedReply(app.db, { shortname: 'terima', language: 'jv', body: 'Kasus {{ref}} sampun kula tampi. Salam, {{officer}}.' }, author, 0);
}

describe('saved replies', () => {
  it('/reply REF #shortname sends the Javanese version to a Javanese reporter and tells the officer which', async () => {
    app = createTestApp({ env: casesTestEnv });
    await seed();
    const officer = await startOfficer(app, 'en');
    const jv = await startUser(app, 'jv');
    const ref = await report(jv, 'Bayaran kula dereng dipunbayar kalih wulan.');
    officer.replies();
    jv.replies();
    const answer = await officer.say(`/reply ${ref} #terima`);
    expect(answer[0]).toBe(`Sent to the reporter of ${ref}.\nSaved reply #terima, sent in Basa Jawa.`);
    const got = jv.replies();
    expect(got).toHaveLength(1);
    expect(got[0]).toContain(`Kasus ${ref} sampun kula tampi. Salam, Petugas.`);
    expect(app.db.prepare("SELECT detail FROM audit WHERE action = 'case_replied'").pluck().get()).toBe('saved:terima:jv');
  });

  it('an English reporter gets the Indonesian version (no English one); an unknown #name is sent as typed', async () => {
    app = createTestApp({ env: casesTestEnv });
    await seed();
    const officer = await startOfficer(app, 'id');
    const en = await startUser(app, 'en');
    const ref = await report(en, 'My salary has not been paid for two months.');
    officer.replies();
    en.replies();
    expect((await officer.say(`/reply ${ref} #terima`))[0]).toBe(`${tr(app, 'id', 'officer.replySent', { ref })}\nBalasan tersimpan #terima, dikirim dalam Bahasa Indonesia.`);
    expect(en.replies()[0]).toContain(`Kasus ${ref} kami terima.`);
    await officer.say(`/reply ${ref} #nothing`);
    expect(en.replies()[0]).toContain('#nothing');
  });

  it('fills variables, picks versions and refuses bad input', () => {
    expect(fillSavedReply('Hi {{name}}, {{ ref }} by {{officer}} {{other}}', { ref: 'BWI-1', name: 'Sri', officer: 'ana' })).toBe('Hi Sri, BWI-1 by ana {{other}}');
    expect(savedReplyProblem('Bad Name', 'id', 'x')).toBe('shortname');
    expect(savedReplyProblem('ok', 'fr', 'x')).toBe('language');
    expect(savedReplyProblem('ok', 'id', '  ')).toBe('body');
    app = createTestApp({ env: casesTestEnv });
    saveSavedReply(app.db, { shortname: 'only-en', language: 'en', body: 'Hello' }, null as unknown as number, 0);
    expect(pickSavedReply(app.db, 'only-en', 'jv')?.language).toBe('en');
    expect(pickSavedReply(app.db, 'missing', 'jv')).toBeUndefined();
  });
});
