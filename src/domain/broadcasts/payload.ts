/**
 * The message each recipient gets: a header, the officer's text in the recipient's language
 * (Indonesian when that language has none), and a footer saying how to stop announcements.
 * Rendered once per language per broadcast, never per recipient.
 */
import { LANGUAGES, type Lang, type Outbound, type OutboundMedia } from '../../core/types.js';
import type { Translator } from '../../i18n.js';
import { displayCode } from './verifyCode.js';

/** Longest announcement body an officer may write (Telegram allows 4096 characters with header and footer). */
export const MAX_BROADCAST_CHARS = 3500;
/** The language every broadcast must have; others fall back to it. */
export const FALLBACK_LANG: Lang = 'id';

export type BroadcastTexts = { id: string } & Partial<Record<'en' | 'jv', string | null>>;

/** Languages with no text of their own (they will get the Indonesian text). */
export function missingLanguages(texts: BroadcastTexts): Lang[] {
  return LANGUAGES.filter((l) => l !== FALLBACK_LANG && !texts[l]?.trim());
}

/** The text a recipient in `lang` reads, before header and footer. */
export function bodyFor(texts: BroadcastTexts, lang: Lang): string {
  return (texts[lang]?.trim() || texts[FALLBACK_LANG] || '').trim();
}

/**
 * One ready-to-send payload per language. With a verification code, a line under the text says how
 * to check that the announcement is official ("Kode cek: K7QX-2M9P — kirim *cek K7QX-2M9P* …").
 */
export function renderBroadcastPayloads(tr: Translator, texts: BroadcastTexts, urgent: boolean, media?: OutboundMedia | null, code?: string | null): Record<Lang, Outbound> {
  const out = {} as Record<Lang, Outbound>;
  for (const lang of LANGUAGES) {
    const header = tr.t(lang, urgent ? 'broadcast.headerUrgent' : 'broadcast.header');
    const footer = tr.t(lang, 'broadcast.footer');
    const check = code ? `${tr.t(lang, 'verify.line', { code: displayCode(code) })}\n` : '';
    const msg: Outbound = { text: `${header}\n\n${bodyFor(texts, lang)}\n\n${check}${footer}` };
    if (media) msg.media = media;
    out[lang] = msg;
  }
  return out;
}
