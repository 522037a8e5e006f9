import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caseByRef, caseEvents } from '../../domain/cases/cases.js';
import { createTestApp, RecordingChannel } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { runMediaDownloads } from '../cases/cases.js';

class MediaChannel extends RecordingChannel {
  async fetchMedia() {
    return { data: Buffer.from('photo of bruises'), mime: 'image/jpeg' };
  }
}

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

describe('data rights for cases', () => {
  it('my data lists the contact’s cases; delete my data erases personal fields, text and files and keeps statistics', async () => {
    app = createTestApp({ env: casesTestEnv, channels: [new MediaChannel('console')] });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'id');
    await typeAll(u, ['1', '1', '1', '1', '1', 'Taipei', 'Siti Aminah', 'PT Maju', 'Gaji saya belum dibayar tiga bulan.']);
    await u.sendMedia({ kind: 'image', mime: 'image/jpeg', size: 16, ref: 'p1' });
    await typeAll(u, ['selesai', '-', '2', '5']); // only at a safer time: weekends
    const { ref, pin } = refAndPin(await u.say('1'));
    await runMediaDownloads(app.services);
    const stored = app.db.prepare('SELECT path FROM attachments').pluck().get() as string;
    expect(fs.existsSync(path.join(app.config.DATA_DIR, stored))).toBe(true);
    await officer.say(`/reply ${ref} Kami sedang menghubungi majikan.`);
    await officer.say(`/status ${ref} resolved Gaji sudah dibayar`);
    u.replies();

    const view = await u.say('data saya');
    expect(view[0]).toContain('Data yang kami simpan tentang Anda:');
    expect(view[0]).toContain(`Laporan Anda (1):\n• ${ref}: sudah selesai`);

    // What the dispatcher would have done by now (no channel runs in this test).
    app.db.prepare("UPDATE outbox SET state = 'sent' WHERE state = 'pending'").run();
    expect((await u.say('hapus data'))[0]).toMatch(/^Yakin ingin menghapus data pribadi Anda\?/);
    expect((await u.say('1'))[0]).toBe(tr(app, 'id', 'account.deleted'));

    const c = caseByRef(app.db, ref)!;
    expect(c).toMatchObject({
      reporterContactId: null, workerName: null, city: null, agencyText: null, description: null, safeTime: null,
      category: 'wages_unpaid', country: 'HK', status: 'resolved', createdAt: expect.any(Number),
    });
    expect(c.erasedAt).not.toBeNull();
    expect(caseEvents(app.db, c.id).every((e) => e.text === null)).toBe(true);
    expect(caseEvents(app.db, c.id).at(-1)!.kind).toBe('erased');
    expect(app.db.prepare('SELECT state, path FROM attachments').get()).toEqual({ state: 'erased', path: null });
    expect(fs.existsSync(path.join(app.config.DATA_DIR, stored))).toBe(false);
    expect(app.db.prepare("SELECT detail FROM audit WHERE action = 'data_deleted'").pluck().get()).toBe('cases=1 files=1');
    // Delivered messages with the report's text are gone from the outbox too.
    const left = app.db.prepare('SELECT payload FROM outbox WHERE contact_id = ?').pluck().all(u.contact()!.id) as string[];
    expect(left.join('\n')).not.toContain('Gaji saya belum dibayar');
    // History cannot be rewritten, only erased.
    expect(() => app.db.prepare("UPDATE case_events SET text = 'x' WHERE case_id = ?").run(c.id)).toThrow(/append-only/);
    expect(() => app.db.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);

    // The reference and PIN no longer open the case, and the officer sees that data was erased.
    const other = await startUser(app, 'en');
    expect((await typeAll(other, ['2', '1', ref, pin])).at(-2)).toBe(tr(app, 'en', 'caseStatus.notMatched'));
    const shown = (await officer.say(`/case ${ref}`))[0];
    expect(shown).toContain(tr(app, 'en', 'officer.erased'));
    expect(shown).not.toContain('Siti');
    expect((await u.say('data saya'))[0]).toContain(tr(app, 'id', 'account.noCases'));
  });

  it('English and Javanese users see their cases in their own words', async () => {
    app = createTestApp({ env: casesTestEnv });
    for (const [lang, expected] of [['en', 'received, waiting for an officer'], ['jv', 'sampun katampi, ngentosi petugas']] as const) {
      const u = await startUser(app, lang);
      await typeAll(u, ['1', '1', '1', '2', '1', '-', '-', '-', 'I would like to go home soon please.', lang === 'en' ? 'done' : 'sampun', '-', '1']);
      const { ref } = refAndPin(await u.say('1'));
      expect((await u.say(lang === 'en' ? 'my data' : 'data kula'))[0]).toContain(`• ${ref}: ${expected}`);
    }
  });
});
