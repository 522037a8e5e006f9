import { describe, expect, it } from 'vitest';
import { boundaryOf, filesIn } from './multipart.js';

describe('multipart upload parsing', () => {
  it('finds the uploaded file (bytes unchanged) among the form fields', async () => {
    const form = new FormData();
    form.append('note', 'not a file');
    form.append('file', new Blob(['nama,nomor_izin,status\r\nPT Å,1,aktif\r\n'], { type: 'text/csv' }), 'daftar p3mi.csv');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const boundary = boundaryOf(req.headers.get('content-type') ?? undefined);
    expect(boundary).not.toBeNull();
    const files = filesIn(Buffer.from(await req.arrayBuffer()), boundary!);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ field: 'file', fileName: 'daftar p3mi.csv' });
    expect(files[0].content.toString('utf8')).toBe('nama,nomor_izin,status\r\nPT Å,1,aktif\r\n');
  });

  it('refuses what is not multipart and tolerates a truncated body', () => {
    expect(boundaryOf('application/x-www-form-urlencoded')).toBeNull();
    expect(filesIn(Buffer.from('--abc\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nno end'), 'abc')).toEqual([]);
  });
});
