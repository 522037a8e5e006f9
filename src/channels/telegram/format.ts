/** Turns rendered text into Telegram messages: *bold* as entities, long texts split, choices as buttons. */
import type { InlineKeyboardMarkup, MessageEntity } from 'grammy/types';
import type { Choice } from '../../core/types.js';

/** Telegram's limit for one message text. */
export const MAX_MESSAGE_CHARS = 4096;
/** Telegram's limit for callback_data. */
export const MAX_CALLBACK_BYTES = 64;
/** Longest button label we show (Telegram cuts long ones off anyway). */
export const MAX_BUTTON_CHARS = 60;

/**
 * `*word*` becomes bold without the asterisks (the locales use WhatsApp-style bold). Entities
 * instead of a parse_mode, so user-typed text can never break the message.
 */
export function withBold(text: string): { text: string; entities: MessageEntity[] } {
  const entities: MessageEntity[] = [];
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\*([^*\n]+)\*/g)) {
    out += text.slice(last, m.index);
    // Offsets are in UTF-16 code units, which is what JavaScript string lengths count.
    entities.push({ type: 'bold', offset: out.length, length: m[1].length });
    out += m[1];
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  return { text: out, entities };
}

/** Splits a text into parts Telegram accepts, at line breaks where possible. */
export function splitText(text: string, max: number = MAX_MESSAGE_CHARS): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  parts.push(rest);
  return parts;
}

/** One button per row ("1. Report a problem"); callback_data is the choice key, as if typed. */
export function keyboardFor(choices: Choice[] | undefined): InlineKeyboardMarkup | undefined {
  const rows = (choices ?? [])
    .filter((c) => Buffer.byteLength(c.key, 'utf8') <= MAX_CALLBACK_BYTES)
    .map((c) => {
      const label = `${c.key}. ${c.label}`;
      return [{ text: label.length > MAX_BUTTON_CHARS ? `${label.slice(0, MAX_BUTTON_CHARS - 1)}…` : label, callback_data: c.key }];
    });
  return rows.length ? { inline_keyboard: rows } : undefined;
}
