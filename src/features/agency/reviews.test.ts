import { afterEach, describe, expect, it } from 'vitest';
import { importAgencies } from '../../domain/agencies/importer.js';
import { moderateReview, reviewsIn } from '../../domain/agencies/reviews.js';
import { TEST_REGISTER_CSV } from '../../testing/agencyRegister.js';
import { createTestApp, TestUser } from '../../testing/harness.js';

type TestApp = ReturnType<typeof createTestApp>;
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
});

function appWithRegister(env: Record<string, string> = {}): TestApp {
  const app = createTestApp({ env: { AGENCY_REVIEWS_MIN: '3', ...env } });
  apps.push(app);
  importAgencies(app.db, TEST_REGISTER_CSV, { source: 'test register', now: app.clock.now() });
  return app;
}

/** One worker rates PT Contoh Bina Karya Mandiri: extra fees yes, passport kept no, contract yes, recommend no. */
async function rate(app: TestApp, chat: string, lang: 'id' | 'en' | 'jv', comment = '-'): Promise<string[]> {
  const u = new TestUser(app, chat);
  await u.start(lang);
  const command = { id: '/nilai', en: '/rate', jv: '/biji' }[lang];
  const out: string[] = [];
  out.push(...(await u.say(command)));
  out.push(...(await u.say('Bina Karya Mandiri')));
  out.push(...(await u.say('1'))); // extra fees: yes
  out.push(...(await u.say('2'))); // passport kept: no
  out.push(...(await u.say('1'))); // contract honoured: yes
  out.push(...(await u.say('2'))); // would recommend: no
  out.push(...(await u.say(comment)));
  return out;
}

async function check(app: TestApp, lang: 'id' | 'en' | 'jv'): Promise<string> {
  const u = new TestUser(app, `checker-${lang}-${Math.random()}`);
  await u.start(lang);
  await u.say('3');
  await u.say('1');
  const [answer] = await u.say('PT Contoh Bina Karya Mandiri');
  return answer;
}

describe("workers' reviews of an agency", () => {
  it('English: a review is collected, held for moderation, and counted only from the minimum on', async () => {
    const app = appWithRegister();
    const transcript = await rate(app, 'w1', 'en', 'They asked for 30 million rupiah.');
    expect(transcript.join('\n')).toContain('Rating for: PT Contoh Bina Karya Mandiri');
    expect(transcript.join('\n')).toContain('1/4. Did this agency ask you for fees beyond the official costs?');
    expect(transcript.join('\n')).toContain('We received your rating of PT Contoh Bina Karya Mandiri. An officer checks it first');
    const pending = reviewsIn(app.db, 'pending');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ agencyName: 'PT Contoh Bina Karya Mandiri', extraFees: true, passportKept: false, contractHonoured: true, wouldRecommend: false, comment: 'They asked for 30 million rupiah.' });
    // Pending reviews do not count.
    expect(await check(app, 'en')).not.toContain('workers answered');

    await rate(app, 'w2', 'en');
    await rate(app, 'w3', 'en');
    const ids = reviewsIn(app.db, 'pending').map((r) => r.id);
    moderateReview(app.db, ids[0], 'approved', 'dashboard:1', null, app.clock.now());
    moderateReview(app.db, ids[1], 'approved', 'dashboard:1', null, app.clock.now());
    // Two approved, the minimum is three: still nothing shown, so no single worker can be picked out.
    expect(await check(app, 'en')).not.toContain('workers answered');
    moderateReview(app.db, ids[2], 'approved', 'dashboard:1', null, app.clock.now());
    expect(await check(app, 'en')).toContain(
      '👥 3 workers answered: 3 were charged extra fees, 0 had their passport kept, 3 had their work agreement honoured, 0 would recommend this agency.',
    );
    // A hidden review stops counting and the reason is kept.
    moderateReview(app.db, ids[2], 'hidden', 'dashboard:1', 'names a person', app.clock.now());
    expect(await check(app, 'en')).not.toContain('workers answered');
    expect(reviewsIn(app.db, 'hidden')[0].hiddenReason).toBe('names a person');
  });

  it('Indonesian: one review per worker and agency; the counts appear in Indonesian', async () => {
    const app = appWithRegister({ AGENCY_REVIEWS_MIN: '1' });
    const first = await rate(app, 'w1', 'id');
    expect(first.join('\n')).toContain('Penilaian Anda untuk PT Contoh Bina Karya Mandiri sudah kami terima');
    const u = new TestUser(app, 'w1');
    await u.say('/nilai');
    const [again] = await u.say('Bina Karya Mandiri');
    expect(again).toBe('Anda sudah pernah memberi nilai untuk PT Contoh Bina Karya Mandiri. Terima kasih.');
    moderateReview(app.db, reviewsIn(app.db, 'pending')[0].id, 'approved', 'dashboard:1', null, app.clock.now());
    expect(await check(app, 'id')).toContain('👥 1 pekerja sudah menjawab: 1 dimintai biaya di luar biaya resmi');
  });

  it('Javanese: a name that matches no single agency is asked again', async () => {
    const app = appWithRegister();
    const u = new TestUser(app, 'w1');
    await u.start('jv');
    const [intro, ask] = await u.say('/biji');
    expect(intro).toContain('Wonten 4 pitakenan inggih/mboten');
    expect(ask).toContain('Serataken nama perusahaan ingkang ngangkataken panjenengan');
    const [notSure] = await u.say('Karya');
    expect(notSure).toContain('dereng saged dipunpestekaken');
    await u.say('Merpati Karya Utama');
    const [q2] = await u.say('1');
    expect(q2).toContain('2/4. Menapa paspor utawi dokumen panjenengan dipuntahan');
  });

  it('delete my data keeps the answers but forgets who wrote the review and the comment', async () => {
    const app = appWithRegister();
    await rate(app, 'w1', 'en', 'My sister can confirm this.');
    const u = new TestUser(app, 'w1');
    await u.say('delete my data');
    await u.say('1');
    const [r] = reviewsIn(app.db, 'pending');
    expect(r).toMatchObject({ contactId: null, comment: null, extraFees: true, wouldRecommend: false });
  });

  it('invites the reporter once after a case linked to the agency is closed', async () => {
    const app = appWithRegister({ OFFICER_TELEGRAM_IDS: '777' });
    const u = new TestUser(app, 'reporter');
    await u.start('en');
    const now = app.clock.now();
    const contactId = u.contact()!.id;
    app.db
      .prepare(
        `INSERT INTO cases (ref, kind, reporter_contact_id, category, status, agency_license, created_at, updated_at, anonymous, urgent)
         VALUES ('BWI-2611-0001', 'complaint', ?, 'wages_unpaid', 'closed', 'UJI/SIP3MI/0002/2024', ?, ?, 0, 0)`,
      )
      .run(contactId, now, now);
    const { inviteReviews } = await import('./reviews.js');
    expect(inviteReviews(app.services)).toBe(1);
    expect(inviteReviews(app.services)).toBe(0);
    expect(u.replies().at(-1)).toBe('Your report is closed. You can help other workers by rating PT Contoh Bina Karya Mandiri: type /rate');
    const [confirm] = await u.say('/rate');
    expect(confirm).toContain('Would you like to rate PT Contoh Bina Karya Mandiri?');
    const [q1] = await u.say('1');
    expect(q1).toContain('1/4.');
  });
});
