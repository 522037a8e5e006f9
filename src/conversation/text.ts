/** Input text clean-up shared by the engine and the channels. */

/** The longest message the bot accepts; longer ones are refused with an explanation. */
export const MAX_INPUT_CHARS = 4000;

// C0/C1 control characters except tab and newline.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Zero-width and direction marks: kept in stored text, ignored when matching words and numbers.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Strips control characters (not newlines), normalizes Unicode (NFC) and trims. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').normalize('NFC').trim();
}

/** The form used to compare against global words and menu numbers. */
export function matchForm(text: string): string {
  return cleanText(text)
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!?,;:)]+$/, '')
    .trim();
}
