/**
 * Evidence attachments: which media a report accepts, and the pending row written in the turn.
 * The file itself is fetched after commit by mediaDownloads (no I/O inside a turn).
 */
import type { MediaDescriptor, MediaKind } from '../../core/types.js';
import type { DB } from '../../store/db.js';

/** Largest evidence file kept (bytes); larger ones are refused, before and after download. */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;
/** Files one report may carry from the report flow (more can be added later). */
export const MAX_EVIDENCE_PER_REPORT = 10;

const SUPPORTED_KINDS: readonly MediaKind[] = ['image', 'audio', 'voice', 'video', 'document'];
const SUPPORTED_MIME = [
  /^image\/(jpeg|png|webp|heic|heif|gif)$/,
  /^audio\/(ogg|mpeg|mp4|aac|amr|wav|x-m4a|opus|webm)$/,
  /^video\/(mp4|3gpp|quicktime|webm)$/,
  /^application\/pdf$/,
  /^application\/(msword|vnd\.openxmlformats-officedocument\.wordprocessingml\.document)$/,
  /^text\/plain$/,
];

/** The descriptor fields kept in the flow's data until the case exists. */
export interface EvidenceItem {
  kind: MediaKind;
  mime: string | null;
  size: number | null;
  fileName: string | null;
  ref: string;
}

export type MediaVerdict = 'ok' | 'unsupported' | 'too_large';

/** True for a MIME type we store as evidence. */
export function supportedMime(mime: string): boolean {
  const m = mime.toLowerCase().split(';')[0].trim();
  return SUPPORTED_MIME.some((re) => re.test(m));
}

/** Decides from what the platform told us whether a file can be kept. */
export function judgeMedia(m: MediaDescriptor): MediaVerdict {
  if (!SUPPORTED_KINDS.includes(m.kind) || !m.ref) return 'unsupported';
  if (m.mime && !supportedMime(m.mime)) return 'unsupported';
  if (m.size !== undefined && m.size > MAX_MEDIA_BYTES) return 'too_large';
  return 'ok';
}

export function toEvidenceItem(m: MediaDescriptor): EvidenceItem {
  return { kind: m.kind, mime: m.mime ?? null, size: m.size ?? null, fileName: m.fileName ?? null, ref: m.ref as string };
}

/** Writes a pending attachment row for a case; the download worker fetches it after commit. */
export function addPendingAttachment(db: DB, caseId: number, channel: string, item: EvidenceItem, now: number): number {
  return Number(
    db
      .prepare(
        `INSERT INTO attachments (case_id, channel, platform_ref, kind, file_name, mime, size, state, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(caseId, channel, item.ref, item.kind, item.fileName, item.mime, item.size, now, now).lastInsertRowid,
  );
}

export interface AttachmentInfo {
  id: number;
  kind: string;
  mime: string | null;
  size: number | null;
  sha256: string | null;
  path: string | null;
  state: string;
  createdAt: number;
}

/** A case's attachments (metadata only). */
export function attachmentsOf(db: DB, caseId: number): AttachmentInfo[] {
  return db
    .prepare('SELECT id, kind, mime, size, sha256, path, state, created_at AS createdAt FROM attachments WHERE case_id = ? ORDER BY id')
    .all(caseId) as AttachmentInfo[];
}

/** A stored evidence file of a case (not erased, not still downloading), or undefined. */
export function storedAttachment(db: DB, caseId: number, id: number): { id: number; mime: string | null; path: string } | undefined {
  return db
    .prepare("SELECT id, mime, path FROM attachments WHERE id = ? AND case_id = ? AND state = 'stored' AND path IS NOT NULL")
    .get(id, caseId) as { id: number; mime: string | null; path: string } | undefined;
}
