/**
 * The evidence download worker: after a turn committed a pending attachment row, fetch the file
 * through its channel, check size and type, and write it under DATA_DIR/media/<case ref>/ with
 * its SHA-256. Runs from a frequent scheduled job; tests call it directly.
 */
import type { NotifyContact } from '../../outbox/notifier.js';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Channel, ChannelName } from '../../core/types.js';
import type { Logger } from '../../logger.js';
import type { DB } from '../../store/db.js';
import { addEvent } from './cases.js';
import { MAX_MEDIA_BYTES, supportedMime } from './evidence.js';

/** Attachments fetched per run. */
export const MEDIA_BATCH = 10;
/** Fetch attempts before an attachment is marked failed. */
export const MAX_DOWNLOAD_ATTEMPTS = 5;
/** Wait before retrying a failed fetch (grows linearly with attempts). */
export const DOWNLOAD_RETRY_MS = 60_000;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'image/heic': '.heic', 'image/heif': '.heif', 'image/gif': '.gif',
  'audio/ogg': '.ogg', 'audio/mpeg': '.mp3', 'audio/mp4': '.m4a', 'audio/x-m4a': '.m4a', 'audio/aac': '.aac', 'audio/amr': '.amr',
  'audio/wav': '.wav', 'audio/opus': '.opus', 'audio/webm': '.weba', 'video/mp4': '.mp4', 'video/3gpp': '.3gp',
  'video/quicktime': '.mov', 'video/webm': '.webm', 'application/pdf': '.pdf', 'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx', 'text/plain': '.txt',
};

export interface MediaDeps {
  db: DB;
  dataDir: string;
  now: () => number;
  log: Logger;
  channels: ReadonlyMap<ChannelName, Channel>;
  /** Runs fn in a transaction with a notify that queues messages; wakes delivery after commit. */
  inTx: <T>(fn: (notify: NotifyContact) => T) => T;
}

interface PendingRow {
  id: number;
  case_id: number;
  channel: ChannelName;
  platform_ref: string;
  attempts: number;
  ref: string;
  reporter_contact_id: number | null;
}

/** Folder of a case's files, relative to DATA_DIR (stored in attachments.path with the file name). */
export function mediaFolder(caseRef: string): string {
  return path.join('media', caseRef.replace(/[^A-Z0-9-]/gi, '_'));
}

/** Fetches due pending attachments; returns how many were stored, refused and failed. */
export async function downloadPendingAttachments(deps: MediaDeps): Promise<{ stored: number; refused: number; failed: number }> {
  const { db, log } = deps;
  const rows = db
    .prepare(
      `SELECT a.id, a.case_id, a.channel, a.platform_ref, a.attempts, c.ref, c.reporter_contact_id
       FROM attachments a JOIN cases c ON c.id = a.case_id
       WHERE a.state = 'pending' AND a.next_attempt_at <= ? ORDER BY a.id LIMIT ?`,
    )
    .all(deps.now(), MEDIA_BATCH) as PendingRow[];
  const out = { stored: 0, refused: 0, failed: 0 };
  for (const row of rows) {
    const channel = deps.channels.get(row.channel);
    let file: { data: Buffer; mime: string };
    try {
      if (!channel?.fetchMedia) throw new Error(`channel ${row.channel} is not running or cannot fetch media`);
      file = await channel.fetchMedia(row.platform_ref);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const attempts = row.attempts + 1;
      const final = attempts >= MAX_DOWNLOAD_ATTEMPTS;
      db.prepare("UPDATE attachments SET attempts = ?, last_error = ?, next_attempt_at = ?, state = CASE WHEN ? THEN 'failed' ELSE state END WHERE id = ? AND state = 'pending'")
        .run(attempts, message.slice(0, 300), deps.now() + DOWNLOAD_RETRY_MS * attempts, final ? 1 : 0, row.id);
      log.warn({ attachmentId: row.id, attempts, final, error: message }, 'evidence download failed');
      if (final) out.failed++;
      continue;
    }
    const mime = file.mime.toLowerCase().split(';')[0].trim();
    const refusal = file.data.length > MAX_MEDIA_BYTES ? 'too_large' : !supportedMime(mime) ? 'unsupported' : null;
    if (refusal) {
      deps.inTx((notify) => {
        const changed = db
          .prepare("UPDATE attachments SET state = ?, platform_ref = NULL, size = ?, mime = ? WHERE id = ? AND state = 'pending'")
          .run(refusal, file.data.length, mime, row.id).changes;
        if (!changed) return;
        addEvent(db, row.case_id, deps.now(), 'system', 'attachment', { text: refusal, attachmentId: row.id });
        if (row.reporter_contact_id !== null) {
          notify(row.reporter_contact_id, {
            text: { key: refusal === 'too_large' ? 'case.fileTooLarge' : 'case.fileUnsupported', vars: { ref: row.ref, max: Math.floor(MAX_MEDIA_BYTES / 1048576) } },
          });
        }
      });
      log.info({ attachmentId: row.id, refusal, size: file.data.length }, 'evidence refused');
      out.refused++;
      continue;
    }
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const rel = path.join(mediaFolder(row.ref), `${row.id}-${sha256.slice(0, 12)}${EXTENSIONS[mime] ?? '.bin'}`);
    const abs = path.join(deps.dataDir, rel);
    await fs.promises.mkdir(path.dirname(abs), { recursive: true, mode: 0o700 });
    await fs.promises.writeFile(abs, file.data, { mode: 0o600 });
    const changed = db
      .prepare(
        "UPDATE attachments SET state = 'stored', path = ?, mime = ?, size = ?, sha256 = ?, platform_ref = NULL, stored_at = ?, last_error = NULL WHERE id = ? AND state = 'pending'",
      )
      .run(rel, mime, file.data.length, sha256, deps.now(), row.id).changes;
    // Erased (the reporter deleted their data) while we were downloading: do not keep the file.
    if (!changed) await fs.promises.rm(abs, { force: true });
    else out.stored++;
  }
  return out;
}
