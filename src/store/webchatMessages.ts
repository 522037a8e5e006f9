/** The webchat_messages table: the visible conversation of each anonymous browser contact (the web chat channel's). */
import type { Choice } from '../core/types.js';
import type { DB } from './db.js';

export interface WebchatMessage {
  id: number;
  dir: 'in' | 'out';
  text: string;
  choices?: Choice[];
  at: number;
}

/** The most messages one history request returns; older ones stay in the table. */
export const HISTORY_LIMIT = 200;

interface Row {
  id: number;
  direction: 'in' | 'out';
  text: string;
  choices: string | null;
  created_at: number;
}

function toMessage(r: Row): WebchatMessage {
  const m: WebchatMessage = { id: r.id, dir: r.direction, text: r.text, at: r.created_at };
  if (r.choices) m.choices = JSON.parse(r.choices) as Choice[];
  return m;
}

export class WebchatStore {
  private readonly insertIn;
  private readonly byClientId;
  private readonly insertOut;
  private readonly after;
  private readonly latest;

  constructor(private readonly db: DB) {
    this.insertIn = db.prepare<[string, string, string, number], Row>(
      `INSERT INTO webchat_messages (chat_id, direction, text, client_id, created_at) VALUES (?, 'in', ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING *`,
    );
    this.byClientId = db.prepare<[string, string], Row>('SELECT * FROM webchat_messages WHERE chat_id = ? AND client_id = ?');
    this.insertOut = db.prepare<[string, string, string | null, number], Row>(
      `INSERT INTO webchat_messages (chat_id, direction, text, choices, created_at) VALUES (?, 'out', ?, ?, ?) RETURNING *`,
    );
    this.after = db.prepare<[string, number, number], Row>('SELECT * FROM webchat_messages WHERE chat_id = ? AND id > ? ORDER BY id LIMIT ?');
    this.latest = db.prepare<[string, number], Row>(
      'SELECT * FROM (SELECT * FROM webchat_messages WHERE chat_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
    );
  }

  /** Stores what the visitor sent; a second submit with the same client id returns the first row and `fresh: false`. */
  recordInbound(chatId: string, text: string, clientId: string, now: number): { message: WebchatMessage; fresh: boolean } {
    const row = this.insertIn.get(chatId, text, clientId, now);
    if (row) return { message: toMessage(row), fresh: true };
    return { message: toMessage(this.byClientId.get(chatId, clientId) as Row), fresh: false };
  }

  /** Stores what the bot sent. */
  recordOutbound(chatId: string, text: string, choices: Choice[] | undefined, now: number): WebchatMessage {
    return toMessage(this.insertOut.get(chatId, text, choices?.length ? JSON.stringify(choices) : null, now) as Row);
  }

  /** Erases messages older than a time (retention); returns how many. */
  purgeBefore(time: number): number {
    return this.db.prepare('DELETE FROM webchat_messages WHERE created_at < ?').run(time).changes;
  }

  /** Erases one chat's whole conversation (the contact asked to delete their data). */
  eraseChat(chatId: string): number {
    return this.db.prepare('DELETE FROM webchat_messages WHERE chat_id = ?').run(chatId).changes;
  }

  /** Messages after an id (0: the latest HISTORY_LIMIT), oldest first. */
  since(chatId: string, afterId: number): WebchatMessage[] {
    const rows = afterId > 0 ? this.after.all(chatId, afterId, HISTORY_LIMIT) : this.latest.all(chatId, HISTORY_LIMIT);
    return rows.map(toMessage);
  }
}
