/** Telegram updates as the Bot API delivers them, for feeding the peer (and our Telegram channel). */
import type { Update } from 'grammy/types';

/** A private text message from user `chatId`. */
export function textUpdate(updateId: number, chatId: number, text: string, date = Math.floor(Date.now() / 1000)): Update {
  const user = { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'en' };
  return {
    update_id: updateId,
    message: { message_id: updateId, date, chat: { id: chatId, type: 'private', first_name: 'Bench' }, from: user, text },
  } as Update;
}

/** A `fetch` that answers every Bot API call with a canned sendMessage result, counting calls. */
export function cannedFetch(): { fetch: typeof fetch; calls: () => number } {
  let n = 0;
  const body = JSON.stringify({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: 'private', first_name: 'Bench' }, text: 'ok' } });
  const f = (async () => {
    n++;
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { fetch: f, calls: () => n };
}
