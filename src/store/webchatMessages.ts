/** The webchat_messages table: the visible conversation of each anonymous browser contact (the web chat channel's). */
import type { Choice } from '../core/types.js';
import type { DB } from './db.js';

/** A file shown in a message: a calendar file the bot sent (downloadable) or one the visitor uploaded. */
export interface WebchatFile {
  name: string;
  mime: string;
  /** Where the page downloads it (files the bot sent only). */
  url?: string;
}

export interface WebchatMessage {
  id: number;
  dir: 'in' | 'out';
  text: string;
  choices?: Choice[];
  file?: WebchatFile;
  at: number;
  /** The page's own id for a message the visitor sent (so a page can match it to its unsent copy). */
  cid?: string;
  /** The contact's language when the message was sent live (lets an open page follow a language change). */
  lang?: string;
  /** Sent live as the oldest message kept (the visitor deleted their data): the page drops what it showed before. */
  first?: boolean;
}

/** What the media column holds; `path` and `data` (server side only) never leave the server. */
interface StoredFile {
  name: string;
  mime: string;
  /** A larger file the bot sent, by absolute path (it may be pruned later). */
  path?: string;
  /** A small file the bot sent (a calendar file), kept inline as base64 so it outlives its source. */
  data?: string;
}

/** A file the bot sent, as the download route serves it. */
export type SentFile = { name: string; mime: string } & ({ data: Buffer } | { path: string });

/** The most messages one history request returns; older ones stay in the table. */
export const HISTORY_LIMIT = 200;

interface Row {
  id: number;
  direction: 'in' | 'out';
  text: string;
  choices: string | null;
  client_id: string | null;
  created_at: number;
  media: string | null;
}

/** Where the page downloads the file of a message the bot sent. */
export function fileUrl(messageId: number): string {
  return `/chat/api/files/${messageId}`;
}

function toMessage(r: Row): WebchatMessage {
  const m: WebchatMessage = { id: r.id, dir: r.direction, text: r.text, at: r.created_at };
  if (r.choices) m.choices = JSON.parse(r.choices) as Choice[];
  if (r.client_id) m.cid = r.client_id;
  if (r.media) {
    const f = JSON.parse(r.media) as StoredFile;
    m.file = { name: f.name, mime: f.mime, ...(f.path || f.data ? { url: fileUrl(r.id) } : {}) };
  }
  return m;
}

export class WebchatStore {
  private readonly insertIn;
  private readonly byClientId;
  private readonly insertOut;
  private readonly after;
  private readonly latest;
  private readonly fileOf;

  constructor(private readonly db: DB) {
    this.insertIn = db.prepare<[string, string, string, number, string | null], Row>(
      `INSERT INTO webchat_messages (chat_id, direction, text, client_id, created_at, media) VALUES (?, 'in', ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING *`,
    );
    this.byClientId = db.prepare<[string, string], Row>('SELECT * FROM webchat_messages WHERE chat_id = ? AND client_id = ?');
    this.insertOut = db.prepare<[string, string, string | null, number, string | null], Row>(
      `INSERT INTO webchat_messages (chat_id, direction, text, choices, created_at, media) VALUES (?, 'out', ?, ?, ?, ?) RETURNING *`,
    );
    this.after = db.prepare<[string, number, number], Row>('SELECT * FROM webchat_messages WHERE chat_id = ? AND id > ? ORDER BY id LIMIT ?');
    this.latest = db.prepare<[string, number], Row>(
      'SELECT * FROM (SELECT * FROM webchat_messages WHERE chat_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
    );
    this.fileOf = db.prepare<[number, string], { media: string | null }>("SELECT media FROM webchat_messages WHERE id = ? AND chat_id = ? AND direction = 'out'");
  }

  /**
   * Stores what the visitor sent (text, or a file's label and name); a second submit with the same
   * client id returns the first row and `fresh: false`.
   */
  recordInbound(chatId: string, text: string, clientId: string, now: number, file?: { name: string; mime: string }): { message: WebchatMessage; fresh: boolean } {
    const row = this.insertIn.get(chatId, text, clientId, now, file ? JSON.stringify({ name: file.name, mime: file.mime }) : null);
    if (row) return { message: toMessage(row), fresh: true };
    return { message: toMessage(this.byClientId.get(chatId, clientId) as Row), fresh: false };
  }

  /** Stores what the bot sent; a file is kept (inline or by path) and offered for download. */
  recordOutbound(chatId: string, text: string, choices: Choice[] | undefined, now: number, file?: SentFile): WebchatMessage {
    const media = file
      ? JSON.stringify({ name: file.name, mime: file.mime, ...('data' in file ? { data: file.data.toString('base64') } : { path: file.path }) } satisfies StoredFile)
      : null;
    return toMessage(this.insertOut.get(chatId, text, choices?.length ? JSON.stringify(choices) : null, now, media) as Row);
  }

  /** The file the bot sent in one of this visitor's messages (undefined for another visitor's message). */
  sentFile(chatId: string, messageId: number): SentFile | undefined {
    const media = this.fileOf.get(messageId, chatId)?.media;
    if (!media) return undefined;
    const f = JSON.parse(media) as StoredFile;
    if (f.data !== undefined) return { name: f.name, mime: f.mime, data: Buffer.from(f.data, 'base64') };
    return f.path ? { name: f.name, mime: f.mime, path: f.path } : undefined;
  }

  /** True when the chat has messages older than this one (false after "delete my data" erased them). */
  hasBefore(chatId: string, messageId: number): boolean {
    return this.db.prepare('SELECT 1 FROM webchat_messages WHERE chat_id = ? AND id < ? LIMIT 1').get(chatId, messageId) !== undefined;
  }

  /** Erases messages older than a time (retention); returns how many. */
  purgeBefore(time: number): number {
    return this.db.prepare('DELETE FROM webchat_messages WHERE created_at < ?').run(time).changes;
  }

  /** Erases one chat's whole conversation and its uploads (the contact asked to delete their data; the channel's sweep removes the files). */
  eraseChat(chatId: string): number {
    this.db.prepare('DELETE FROM webchat_uploads WHERE chat_id = ?').run(chatId);
    return this.db.prepare('DELETE FROM webchat_messages WHERE chat_id = ?').run(chatId).changes;
  }

  /** Messages after an id (0: the latest HISTORY_LIMIT), oldest first. */
  since(chatId: string, afterId: number): WebchatMessage[] {
    const rows = afterId > 0 ? this.after.all(chatId, afterId, HISTORY_LIMIT) : this.latest.all(chatId, HISTORY_LIMIT);
    return rows.map(toMessage);
  }
}
