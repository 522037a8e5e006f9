/**
 * Files a web chat visitor uploads (photos, voice notes, documents). Each is written under
 * DATA_DIR/webchat-uploads with a random name and handed to the router as a MediaDescriptor whose
 * `ref` the channel's fetchMedia resolves, exactly like a Telegram file_id: the evidence worker
 * copies it into the case folder after the turn commits. Copies here are erased after a week.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MediaKind } from '../../core/types.js';
import { MAX_MEDIA_BYTES, supportedMime } from '../../domain/cases/evidence.js';
import type { DB } from '../../store/db.js';
import { WebchatUploadRows } from '../../store/webchatUploads.js';

/** Folder under DATA_DIR. */
export const UPLOADS_DIR = 'webchat-uploads';
/** Uploaded files are kept this long for the report flow to pick them up (then the case keeps its copy). */
export const UPLOAD_TTL_MS = 7 * 86400_000;
/** The same size limit as evidence from every other channel. */
export const MAX_UPLOAD_BYTES = MAX_MEDIA_BYTES;
/** Longest file name kept. */
const MAX_NAME_CHARS = 120;
const REF = /^wc-[A-Za-z0-9_-]{22}$/;

export type UploadVerdict = 'ok' | 'unsupported' | 'too_large' | 'empty';

/** Normalizes a Content-Type to its bare lower-case type. */
export function bareMime(mime: string | undefined): string {
  return (mime ?? '').toLowerCase().split(';')[0].trim();
}

/** Whether an upload is kept: the same types and size as evidence sent on WhatsApp or Telegram. */
export function judgeUpload(mime: string, size: number): UploadVerdict {
  if (size <= 0) return 'empty';
  if (size > MAX_UPLOAD_BYTES) return 'too_large';
  return supportedMime(mime) ? 'ok' : 'unsupported';
}

/** The media kind of an upload (a recording made in the page is a voice note). */
export function uploadKind(mime: string, recorded: boolean): MediaKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return recorded ? 'voice' : 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'document';
}

/** Cleans a browser-supplied file name to something safe to show and store. */
export function cleanFileName(name: string | undefined, fallback: string): string {
  let decoded = name ?? '';
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A name that is not valid percent-encoding is used as it came.
  }
  const base = path.basename(decoded.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f<>"]/g, '').trim();
  return (base || fallback).slice(0, MAX_NAME_CHARS);
}

export class UploadStore {
  private readonly dir: string;
  private readonly rows: WebchatUploadRows;

  constructor(db: DB, dataDir: string) {
    this.dir = path.join(dataDir, UPLOADS_DIR);
    this.rows = new WebchatUploadRows(db);
  }

  /** Writes the file and records it; returns the ref to give the router. */
  async save(chatId: string, data: Buffer, mime: string, now: number): Promise<string> {
    const ref = `wc-${randomBytes(16).toString('base64url')}`;
    // The row first: a purge running meanwhile never takes the new file for an orphan.
    this.rows.add(ref, chatId, mime, data.length, now);
    try {
      await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
      await fs.promises.writeFile(path.join(this.dir, ref), data, { mode: 0o600 });
    } catch (err) {
      this.rows.remove(ref);
      throw err;
    }
    return ref;
  }

  /** Reads an uploaded file by ref (for fetchMedia); throws when it is unknown or gone. */
  async read(ref: string): Promise<{ data: Buffer; mime: string }> {
    const row = REF.test(ref) ? this.rows.get(ref) : undefined;
    if (!row) throw new Error('web chat upload not found (erased or expired)');
    return { data: await fs.promises.readFile(path.join(this.dir, row.file)), mime: row.mime };
  }

  /** Erases uploads older than a time, and files whose row is gone (a visitor who deleted their data); returns how many files. */
  purge(before: number): number {
    this.rows.removeOlderThan(before);
    if (!fs.existsSync(this.dir)) return 0;
    const kept = this.rows.files();
    let n = 0;
    for (const f of fs.readdirSync(this.dir)) {
      if (kept.has(f)) continue;
      fs.rmSync(path.join(this.dir, f), { force: true });
      n++;
    }
    return n;
  }
}
