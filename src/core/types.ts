/** Message types shared by every channel adapter, the router and the outbox. */

export const CHANNEL_NAMES = ['telegram', 'whatsapp-web', 'whatsapp-cloud', 'webchat', 'console'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const LANGUAGES = ['id', 'en', 'jv'] as const;
export type Lang = (typeof LANGUAGES)[number];

export type MediaKind = 'image' | 'audio' | 'voice' | 'video' | 'document' | 'sticker' | 'location' | 'contact' | 'other';

/** What a platform told us about an attachment; the file itself is fetched only when a flow keeps it. */
export interface MediaDescriptor {
  kind: MediaKind;
  mime?: string;
  size?: number;
  fileName?: string;
  /** Platform handle to download the file later (Telegram file_id, Cloud API media id, ...). */
  ref?: string;
  latitude?: number;
  longitude?: number;
}

/** One normalized incoming message. */
export interface Inbound {
  channel: ChannelName;
  chatId: string;
  /** Unique per channel; a second delivery with the same id is dropped. */
  platformId: string;
  text: string;
  media?: MediaDescriptor;
  /** Language the platform reports for the user (e.g. Telegram language_code). */
  languageHint?: string;
  receivedAt: number;
  /** 'edit' for edited messages; 'tap' for a button press. Defaults to 'message'. */
  kind?: 'message' | 'edit' | 'tap';
  /** True for group chats: the bot answers only commands there and never collects a report. */
  group?: boolean;
  /** The client's network address, where the channel sees it (web chat); limits count per address. */
  address?: string;
}

export interface Choice {
  /** What the user types to pick it ("1", "2", "0"). */
  key: string;
  label: string;
}

export interface OutboundMedia {
  path: string;
  mime: string;
  fileName?: string;
}

/** Kinds of WhatsApp template a message may fall back to (names configured per kind). */
/** `neutral_update` replaces the others for discreet contacts: no parameters, no words about reports. */
export type TemplateKind = 'case_update' | 'announcement' | 'neutral_update';

/**
 * What to send instead when the platform allows only a pre-approved template (WhatsApp outside
 * the 24-hour window): the template kind and its body parameters (e.g. the case reference).
 */
export interface TemplateFallback {
  kind: TemplateKind;
  params: string[];
}

/** One outgoing message, already rendered in the recipient's language. */
export interface Outbound {
  text: string;
  /** Numbered choices; the text already lists them, channels may add buttons. */
  choices?: Choice[];
  media?: OutboundMedia;
  /** Set on case updates and announcements: the template that asks the contact to answer to read it. */
  template?: TemplateFallback;
  /** The bot's earlier messages in this chat to delete before sending (channels that can; others ignore it). */
  deleteMessageIds?: string[];
}

export interface SendResult {
  platformMessageId?: string;
}

export type ChannelState = 'up' | 'connecting' | 'waiting_for_qr' | 'degraded' | 'off';

export interface ChannelHealth {
  state: ChannelState;
  detail?: string;
  /** Counters worth an operator's attention (e.g. messages held back outside WhatsApp's 24 h window). */
  stats?: Record<string, number>;
}

/** Receives inbound messages; resolves once the message is committed (then the platform may be acked). */
export type Intake = (msg: Inbound) => Promise<IntakeResult>;
export type IntakeResult = 'handled' | 'duplicate' | 'refused' | 'error';

/** What every platform adapter implements for the router and dispatcher (HTTP routes: channels/adapter.ts). */
export interface Channel {
  readonly name: ChannelName;
  start(intake: Intake): Promise<void>;
  stop(): Promise<void>;
  send(chatId: string, msg: Outbound): Promise<SendResult>;
  health(): ChannelHealth;
  /** Downloads an attachment named by MediaDescriptor.ref (only when a flow keeps it as evidence). */
  fetchMedia?(ref: string): Promise<{ data: Buffer; mime: string }>;
  /**
   * Finds out, without a visible message, whether the bot can write to this chat (an officer chat
   * that never started the bot cannot be written to). Throws when the platform cannot say now.
   */
  probe?(chatId: string): Promise<ChatProbe>;
}

/** What a probe found: the chat can receive messages, or the platform refuses (with its words). */
export interface ChatProbe {
  reach: 'reachable' | 'unreachable';
  reason?: 'not_started' | 'blocked';
  detail?: string;
}
