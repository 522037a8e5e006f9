/** Maps a Telegram update to our Inbound, or to nothing when the bot should stay silent. */
import type { Message, Update } from 'grammy/types';
import type { Inbound, MediaDescriptor } from '../../core/types.js';

/** Update types the bot asks Telegram for (everything else is never delivered). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

export type Mapped = { inbound: Inbound } | { ignored: string };

/**
 * Private chats: every message, edit and button press. Groups: only commands addressed to this
 * bot (`/cmd` or `/cmd@thisbot`) and presses on its own buttons, marked `group: true`; the engine
 * never collects a report there. Channel posts, service messages (joins, pins, title changes...)
 * and updates without a chat are ignored.
 */
export function toInbound(update: Update, botUsername: string, now: number): Mapped {
  const platformId = String(update.update_id);
  if (update.callback_query) {
    const q = update.callback_query;
    const chat = q.message?.chat;
    if (!chat || q.data === undefined) return { ignored: 'button press without a chat or data' };
    if (chat.type === 'channel') return { ignored: 'channel' };
    return {
      inbound: {
        channel: 'telegram',
        chatId: String(chat.id),
        platformId,
        text: q.data,
        kind: 'tap',
        receivedAt: now,
        ...lang(q.from.language_code),
        ...(chat.type === 'private' ? {} : { group: true }),
      },
    };
  }
  const edited = update.edited_message;
  const msg = update.message ?? edited;
  if (!msg) return { ignored: update.channel_post || update.edited_channel_post ? 'channel post' : 'unsupported update type' };
  const isGroup = msg.chat.type === 'group' || msg.chat.type === 'supergroup';

  let text = msg.text ?? msg.caption ?? '';
  if (isGroup) {
    if (edited) return { ignored: 'edit in a group' };
    const command = addressedCommand(text, botUsername);
    if (command === null) return { ignored: 'group message not addressed to the bot' };
    text = command;
  }
  const media = mediaOf(msg);
  if (!media && msg.text === undefined) return { ignored: 'service message' };
  return {
    inbound: {
      channel: 'telegram',
      chatId: String(msg.chat.id),
      platformId,
      text,
      ...(media ? { media } : {}),
      ...(edited ? { kind: 'edit' as const } : {}),
      receivedAt: now,
      ...lang(msg.from?.language_code),
      ...(isGroup ? { group: true } : {}),
    },
  };
}

/** `/cmd@thisbot args` -> `/cmd args`; `/cmd args` (no target) stays; anything else -> null. */
export function addressedCommand(text: string, botUsername: string): string | null {
  const m = text.match(/^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(\s[\s\S]*)?$/);
  if (!m) return null;
  if (m[2] && m[2].toLowerCase() !== botUsername.toLowerCase()) return null;
  return `/${m[1]}${m[3] ?? ''}`;
}

/** The attachment of a message as a MediaDescriptor (ref = file_id), if it has one we understand. */
export function mediaOf(msg: Message): MediaDescriptor | undefined {
  if (msg.photo?.length) {
    const p = msg.photo[msg.photo.length - 1]; // the largest size comes last
    return { kind: 'image', mime: 'image/jpeg', ref: p.file_id, ...size(p.file_size) };
  }
  if (msg.voice) return { kind: 'voice', mime: msg.voice.mime_type ?? 'audio/ogg', ref: msg.voice.file_id, ...size(msg.voice.file_size) };
  if (msg.audio) {
    return { kind: 'audio', mime: msg.audio.mime_type, ref: msg.audio.file_id, ...size(msg.audio.file_size), ...name(msg.audio.file_name) };
  }
  if (msg.video) {
    return { kind: 'video', mime: msg.video.mime_type, ref: msg.video.file_id, ...size(msg.video.file_size), ...name(msg.video.file_name) };
  }
  if (msg.video_note) return { kind: 'video', mime: 'video/mp4', ref: msg.video_note.file_id, ...size(msg.video_note.file_size) };
  if (msg.animation) return { kind: 'video', mime: msg.animation.mime_type, ref: msg.animation.file_id, ...size(msg.animation.file_size) };
  if (msg.document) {
    const d = msg.document;
    return { kind: d.mime_type?.startsWith('image/') ? 'image' : 'document', mime: d.mime_type, ref: d.file_id, ...size(d.file_size), ...name(d.file_name) };
  }
  // A sticker is no evidence: the engine answers it with the usual hint for the current step.
  if (msg.sticker) return { kind: 'sticker', ref: msg.sticker.file_id };
  const loc = msg.location ?? msg.venue?.location;
  if (loc) return { kind: 'location', latitude: loc.latitude, longitude: loc.longitude };
  if (msg.contact) return { kind: 'contact' };
  if (msg.poll || msg.dice || msg.game || msg.story || msg.checklist) return { kind: 'other' };
  return undefined;
}

function size(n: number | undefined): { size?: number } {
  return n === undefined ? {} : { size: n };
}

function name(n: string | undefined): { fileName?: string } {
  return n === undefined ? {} : { fileName: n };
}

function lang(code: string | undefined): { languageHint?: string } {
  return code ? { languageHint: code } : {};
}
