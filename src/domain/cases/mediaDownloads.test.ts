import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMediaDownloads } from '../../features/cases/cases.js';
import { createTestApp, RecordingChannel } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, tr, typeAll } from '../../testing/cases.js';
import { caseByRef } from './cases.js';
import { MAX_MEDIA_BYTES } from './evidence.js';
import { MAX_DOWNLOAD_ATTEMPTS } from './mediaDownloads.js';

/** A channel whose platform holds files that fetchMedia downloads. */
class MediaChannel extends RecordingChannel {
  readonly files = new Map<string, { data: Buffer; mime: string }>();
  fetched: string[] = [];
  async fetchMedia(ref: string) {
    this.fetched.push(ref);
    const f = this.files.get(ref);
    if (!f) throw new Error(`no file ${ref}`);
    return f;
  }
}

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

interface Row {
  state: string;
  path: string | null;
  sha256: string | null;
  size: number | null;
  mime: string | null;
  attempts: number;
}
const attachments = () => app.db.prepare('SELECT state, path, sha256, size, mime, attempts FROM attachments ORDER BY id').all() as Row[];

describe('evidence files', () => {
  it('photos and documents sent during a report are stored after commit with type, size and SHA-256', async () => {
    const channel = new MediaChannel('console');
    app = createTestApp({ env: casesTestEnv, channels: [channel] });
    const photo = Buffer.from('fake jpeg bytes '.repeat(100));
    const pdf = Buffer.from('%PDF-1.4 contract');
    channel.files.set('tg-photo-1', { data: photo, mime: 'image/jpeg' });
    channel.files.set('tg-doc-2', { data: pdf, mime: 'application/pdf' });
    const u = await startUser(app, 'en');
    await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', 'My wages were not paid, here is my payslip.']);
    expect(await u.sendMedia({ kind: 'image', mime: 'image/jpeg', size: photo.length, ref: 'tg-photo-1' })).toEqual([
      tr(app, 'en', 'complaint.evidenceReceived', { count: 1 }),
      tr(app, 'en', 'complaint.askEvidenceMore') + '\n\n-. Skip',
    ]);
    await u.sendMedia({ kind: 'document', mime: 'application/pdf', size: pdf.length, fileName: 'contract.pdf', ref: 'tg-doc-2' });
    // Nothing is fetched or stored while the report is being written.
    expect(channel.fetched).toEqual([]);
    expect(attachments()).toEqual([]);
    const summary = await typeAll(u, ['done', '-', '1']);
    expect(summary.join('\n')).toContain('• Files: 2');
    const { ref } = refAndPin(await u.say('1'));
    expect(attachments().map((a) => a.state)).toEqual(['pending', 'pending']);

    expect(await runMediaDownloads(app.services)).toEqual({ stored: 2, refused: 0, failed: 0 });
    const [a, b] = attachments();
    expect(a).toMatchObject({ state: 'stored', mime: 'image/jpeg', size: photo.length, sha256: createHash('sha256').update(photo).digest('hex') });
    expect(b).toMatchObject({ state: 'stored', mime: 'application/pdf', size: pdf.length });
    const file = path.join(app.config.DATA_DIR, a.path!);
    expect(file.startsWith(path.join(app.config.DATA_DIR, 'media', ref))).toBe(true);
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(a.sha256);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Done once: a second run has nothing to do.
    expect(await runMediaDownloads(app.services)).toEqual({ stored: 0, refused: 0, failed: 0 });
  });

  it('an oversize or unsupported file is refused politely in the flow (Indonesian, Javanese)', async () => {
    app = createTestApp({ env: casesTestEnv });
    const u = await startUser(app, 'id');
    await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', 'Gaji saya belum dibayar tiga bulan.']);
    const big = await u.sendMedia({ kind: 'video', mime: 'video/mp4', size: MAX_MEDIA_BYTES + 1, ref: 'v1' });
    expect(big[0]).toBe('Maaf, berkas itu terlalu besar (batasnya 16 MB). Kirim berkas yang lebih kecil atau fotonya saja.');
    const sticker = await u.sendMedia({ kind: 'sticker', mime: 'image/webp', ref: 's1' });
    expect(sticker[0]).toBe(tr(app, 'id', 'complaint.mediaUnsupported'));
    const exe = await u.sendMedia({ kind: 'document', mime: 'application/x-msdownload', ref: 'd1' });
    expect(exe[0]).toBe(tr(app, 'id', 'complaint.mediaUnsupported'));

    const jv = await startUser(app, 'jv');
    await typeAll(jv, ['1', '1', '1', '1', '1', '-', '-', '-', 'Bayaran kula dereng dipunbayar.']);
    expect((await jv.sendMedia({ kind: 'location', latitude: 1, longitude: 2 }))[0]).toBe(tr(app, 'jv', 'complaint.mediaUnsupported'));
  });

  it('a file that turns out too large when downloaded is not written, and the reporter is told', async () => {
    const channel = new MediaChannel('console');
    app = createTestApp({ env: casesTestEnv, channels: [channel] });
    channel.files.set('voice-1', { data: Buffer.alloc(MAX_MEDIA_BYTES + 1), mime: 'audio/ogg' });
    const u = await startUser(app, 'en');
    await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', 'My wages were not paid, listen to this.']);
    // WhatsApp Web may not tell the size in advance.
    await u.sendMedia({ kind: 'voice', mime: 'audio/ogg', ref: 'voice-1' });
    await typeAll(u, ['done', '-', '1']);
    const { ref } = refAndPin(await u.say('1'));
    expect(await runMediaDownloads(app.services)).toEqual({ stored: 0, refused: 1, failed: 0 });
    expect(attachments()[0]).toMatchObject({ state: 'too_large', path: null, sha256: null });
    expect(fs.existsSync(path.join(app.config.DATA_DIR, 'media'))).toBe(false);
    expect(u.replies()).toEqual([tr(app, 'en', 'case.fileTooLarge', { ref, max: 16 })]);
  });

  it('a failing download is retried later and marked failed after the last attempt', async () => {
    const channel = new MediaChannel('console');
    app = createTestApp({ env: casesTestEnv, channels: [channel] });
    const officer = await startOfficer(app, 'en');
    const u = await startUser(app, 'en');
    await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', 'My wages were not paid for months.']);
    await u.sendMedia({ kind: 'image', mime: 'image/png', size: 10, ref: 'gone' });
    await typeAll(u, ['done', '-', '1', '1']);
    officer.replies();
    for (let i = 1; i <= MAX_DOWNLOAD_ATTEMPTS; i++) {
      await runMediaDownloads(app.services);
      // Not due again until the retry time has passed.
      expect(await runMediaDownloads(app.services)).toEqual({ stored: 0, refused: 0, failed: 0 });
      app.manualClock.advance(60 * 60_000);
    }
    expect(attachments()[0]).toMatchObject({ state: 'failed', attempts: MAX_DOWNLOAD_ATTEMPTS });
    expect(channel.fetched).toEqual(Array(MAX_DOWNLOAD_ATTEMPTS).fill('gone'));
    // The report itself is untouched by the lost file.
    expect(caseByRef(app.db, 'BWI-2611-0001')).toMatchObject({ status: 'new', description: 'My wages were not paid for months.' });
  });
});
