/**
 * Text to be rendered later in the recipient's language: what flows, actions and the notifier pass
 * around instead of strings, so one message can go to people who read different languages.
 */
import type { OutboundMedia, TemplateFallback } from './types.js';

/** A rendered-later value: raw text, a number, or another translation. */
export type VarValue = string | number | { t: string; vars?: Vars };
export type Vars = Record<string, VarValue>;
/**
 * Text to render in the contact's language: a translation key, raw text (names people typed), or
 * several texts joined by newlines (lists and summaries).
 */
export type Text = { key: string; vars?: Vars } | { raw: string } | { lines: Text[] };

export interface ReplyChoice {
  key: string;
  label: Text;
}

/** One message for one contact, before rendering: the text, numbered choices, an attachment. */
export interface Reply {
  text: Text;
  choices?: ReplyChoice[];
  media?: OutboundMedia;
  /** Emergency path: never held for the contact's safe time. */
  urgent?: boolean;
  /** A case update or announcement: the WhatsApp template to use outside the 24-hour window. */
  template?: TemplateFallback;
  /** Pointless after this time (ms), e.g. a reminder of a meeting: not sent when a safe time would hold it that long. */
  expiresAt?: number;
  /** Platform ids of the bot's earlier messages in this chat to delete first (Telegram). */
  deleteMessageIds?: string[];
}
