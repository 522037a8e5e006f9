/**
 * Which officer chats on Telegram the bot can reach, asked from Telegram itself (`getChat`): a chat
 * is unknown to a bot until that person has pressed Start. Used by the start-up banner and the doctor.
 * WhatsApp numbers cannot be checked in advance (neither platform answers before they write).
 */
import type { Config } from '../config.js';
import type { DB } from '../store/db.js';
import { PLATFORM_CALL_TIMEOUT_MS, callBotApi } from './platformApi.js';

/** Chats asked at once (officer lists are short; this keeps a long one polite). */
const PROBE_CONCURRENCY = 5;

export interface OfficerChatProbe {
  chatId: string;
  reachable: boolean;
  /** Telegram's answer when it is not reachable. */
  detail?: string;
}

/** Telegram officer chats: OFFICER_TELEGRAM_IDS plus accounts' own chats (add-officer --chat), without repeats. */
export function telegramOfficerChats(config: Config, db?: DB): string[] {
  const ids = new Set(config.OFFICER_TELEGRAM_IDS);
  if (db) {
    try {
      for (const id of db.prepare("SELECT chat_id FROM contacts WHERE channel = 'telegram' AND role = 'officer' ORDER BY id").pluck().all() as string[]) ids.add(id);
    } catch {
      // An old or foreign database without these columns: the configured ids are still checked.
    }
  }
  return [...ids];
}

/** Asks Telegram about each chat (getChat); needs TELEGRAM_BOT_TOKEN. */
export async function probeTelegramOfficers(config: Config, chatIds: string[], timeoutMs = PLATFORM_CALL_TIMEOUT_MS): Promise<OfficerChatProbe[]> {
  const out: OfficerChatProbe[] = [];
  for (let i = 0; i < chatIds.length; i += PROBE_CONCURRENCY) {
    const batch = chatIds.slice(i, i + PROBE_CONCURRENCY);
    out.push(
      ...(await Promise.all(
        batch.map(async (chatId) => {
          const r = await callBotApi(config.TELEGRAM_API_ROOT, config.TELEGRAM_BOT_TOKEN, 'getChat', { chat_id: chatId }, timeoutMs);
          return r.ok ? { chatId, reachable: true } : { chatId, reachable: false, detail: r.description };
        }),
      )),
    );
  }
  return out;
}
