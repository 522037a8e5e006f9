/**
 * The urgent lane: what goes first on every channel, past every limit of ours. An emergency word,
 * danger words, and anything to or from the reporter of an open urgent case.
 */
import { globalWord } from '../../conversation/globalWords.js';
import { cleanText, matchForm } from '../../conversation/text.js';
import type { Statement } from 'better-sqlite3';
import type { DB } from '../../store/db.js';
import { PRIORITY, type Priority } from '../../outbox/store.js';
import { hasDangerWords } from './dangerWords.js';

/** True when the text is an emergency word (`sos`, `darurat`, …) or contains danger words. */
export function isUrgentText(raw: string | null | undefined): boolean {
  const text = cleanText(raw ?? '');
  return globalWord(matchForm(text)) === 'emergency' || hasDangerWords(text);
}

const OPEN_URGENT = "urgent = 1 AND status NOT IN ('resolved', 'closed')";

// Asked on every message: prepared once per connection.
const statements = new WeakMap<DB, { byContact: Statement<[number]>; byChat: Statement<[string, string]> }>();
function prepared(db: DB) {
  let s = statements.get(db);
  if (!s) {
    s = {
      byContact: db.prepare(`SELECT 1 FROM cases WHERE reporter_contact_id = ? AND ${OPEN_URGENT} LIMIT 1`),
      byChat: db.prepare(`SELECT 1 FROM cases WHERE reporter_contact_id = (SELECT id FROM contacts WHERE channel = ? AND chat_id = ?) AND ${OPEN_URGENT} LIMIT 1`),
    };
    statements.set(db, s);
  }
  return s;
}

/** True when the contact reported a case that is urgent and still open. */
export function hasOpenUrgentCase(db: DB, contactId: number): boolean {
  return prepared(db).byContact.get(contactId) !== undefined;
}

/** Same, by channel and chat id (for channels that have no contact id at hand). */
export function chatHasOpenUrgentCase(db: DB, channel: string, chatId: string): boolean {
  return prepared(db).byChat.get(channel, chatId) !== undefined;
}

/** The outbox priority for a message about a case: the urgent lane for urgent cases. */
export function casePriority(c: { urgent: boolean }): Priority | undefined {
  return c.urgent ? PRIORITY.urgent : undefined;
}
