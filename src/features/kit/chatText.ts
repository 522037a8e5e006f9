/**
 * Chat text as HTML, the way chat apps show it: escaped, `*word*` in bold, and http(s) addresses as
 * links that open in a new tab without giving that tab a handle on this page (`rel="noopener"`).
 * The web chat's browser script draws live messages with the same rules (public/chat.js).
 */
import { type Html, escapeHtml, raw } from './html.js';

/** http(s) addresses; a trailing full stop, comma or bracket belongs to the sentence, not the link. */
export const LINK = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]]/gi;
const BOLD = /\*([^*\n]+)\*/g;

function bold(text: string): string {
  return escapeHtml(text).replace(BOLD, '<strong>$1</strong>');
}

/** Escapes text, bolds *word* and links http(s) addresses. */
export function chatText(text: string): Html {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    const at = m.index ?? 0;
    out += bold(text.slice(last, at));
    const href = escapeHtml(m[0]);
    out += `<a href="${href}" target="_blank" rel="noopener noreferrer">${href}</a>`;
    last = at + m[0].length;
  }
  return raw(out + bold(text.slice(last)));
}

/** Text without the *asterisks* chat apps use for bold (for places that show plain text). */
export function plainChatText(text: string): string {
  return text.replace(BOLD, '$1');
}
