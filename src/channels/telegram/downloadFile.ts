/** Downloads a file a Telegram user sent, by its file_id (getFile, then the file URL), within the Bot API's size limit. */
import type { Api } from 'grammy';
import { SendError } from '../../core/errors.js';

/** Bot API downloads are limited to 20 MB. */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
export const MEDIA_TIMEOUT_MS = 60_000;

const MIME_BY_EXT: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  pdf: 'application/pdf',
};

/** The file's bytes and a mime type guessed from its path; SendError (permanent or transient) when it cannot be had. */
export async function downloadFile(api: Api, apiRoot: string, token: string, fileId: string): Promise<{ data: Buffer; mime: string }> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new SendError('Telegram getFile returned no file_path (the file may be too big for the Bot API)', 'permanent');
  if (file.file_size !== undefined && file.file_size > MAX_MEDIA_BYTES) {
    throw new SendError(`Telegram file too big to download (${file.file_size} bytes, limit ${MAX_MEDIA_BYTES})`, 'permanent');
  }
  const res = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`, { signal: AbortSignal.timeout(MEDIA_TIMEOUT_MS) });
  // The URL holds the token: never put it in an error message.
  if (!res.ok) throw new SendError(`Telegram file download failed with HTTP ${res.status}`, res.status >= 500 ? 'transient' : 'permanent');
  const data = Buffer.from(await res.arrayBuffer());
  if (data.length > MAX_MEDIA_BYTES) throw new SendError('Telegram file too big to keep', 'permanent');
  return { data, mime: mimeFromPath(file.file_path) };
}

function mimeFromPath(p: string): string {
  return MIME_BY_EXT[p.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
