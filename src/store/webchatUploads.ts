/** Rows of files web-chat visitors uploaded (the files themselves live in DATA_DIR; see channels/webchat/uploads.ts). */
import type { DB } from './db.js';

export interface UploadRow {
  file: string;
  mime: string;
}

export class WebchatUploadRows {
  constructor(private readonly db: DB) {}

  /** Records an upload before its file is written, so a purge never takes the new file for an orphan. */
  add(ref: string, chatId: string, mime: string, size: number, now: number): void {
    this.db.prepare('INSERT INTO webchat_uploads (ref, chat_id, file, mime, size, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(ref, chatId, ref, mime, size, now);
  }

  remove(ref: string): void {
    this.db.prepare('DELETE FROM webchat_uploads WHERE ref = ?').run(ref);
  }

  get(ref: string): UploadRow | undefined {
    return this.db.prepare('SELECT file, mime FROM webchat_uploads WHERE ref = ?').get(ref) as UploadRow | undefined;
  }

  /** Forgets uploads older than a time. */
  removeOlderThan(before: number): void {
    this.db.prepare('DELETE FROM webchat_uploads WHERE created_at < ?').run(before);
  }

  /** File names still recorded. */
  files(): Set<string> {
    return new Set(this.db.prepare('SELECT file FROM webchat_uploads').pluck().all() as string[]);
  }
}
