/** Maps a whatsapp-web.js message to an Inbound; only direct chats, never groups, status or broadcasts. Pure. */
import type { Inbound, MediaDescriptor, MediaKind } from '../../core/types.js';

/** The fields of a whatsapp-web.js Message we read (a stand-in object in tests). */
export interface WebMessageLike {
  id: { _serialized: string };
  from: string;
  fromMe?: boolean;
  body?: string;
  type: string;
  timestamp?: number;
  isStatus?: boolean;
  broadcast?: boolean;
  location?: { latitude?: number | string; longitude?: number | string };
  _data?: { mimetype?: string; filename?: string; size?: number };
}

/** Direct chats: a phone number (`@c.us`) or WhatsApp's hidden-number id (`@lid`). */
const DIRECT_CHAT = /@(c\.us|lid)$/;
const MEDIA_TYPES: Record<string, MediaKind> = { image: 'image', video: 'video', document: 'document', sticker: 'sticker', audio: 'audio', ptt: 'voice' };
/** Notifications and protocol messages that are not something a person wrote. */
const IGNORED_TYPES = new Set([
  'revoked', 'e2e_notification', 'notification', 'notification_template', 'call_log', 'protocol', 'reaction',
  'gp2', 'group_notification', 'broadcast_notification', 'ciphertext', 'debug', 'poll_creation',
]);

/** The Inbound for a message from a person in a direct chat; undefined for everything to ignore. */
export function convertMessageToInbound(m: WebMessageLike, now: number): Inbound | undefined {
  if (m.fromMe || m.isStatus || m.broadcast || !DIRECT_CHAT.test(m.from) || IGNORED_TYPES.has(m.type)) return undefined;
  const base = {
    channel: 'whatsapp-web' as const,
    chatId: m.from,
    platformId: m.id._serialized,
    receivedAt: m.timestamp ? m.timestamp * 1000 : now,
  };
  if (m.type === 'chat') return { ...base, text: m.body ?? '' };
  if (m.type === 'location') {
    const media: MediaDescriptor = { kind: 'location', latitude: toNumber(m.location?.latitude), longitude: toNumber(m.location?.longitude) };
    return { ...base, text: '', media };
  }
  if (m.type === 'vcard' || m.type === 'multi_vcard') return { ...base, text: '', media: { kind: 'contact' } };
  const kind = MEDIA_TYPES[m.type];
  if (kind) {
    const media: MediaDescriptor = { kind, ref: m.id._serialized };
    if (m._data?.mimetype) media.mime = m._data.mimetype;
    if (m._data?.filename) media.fileName = m._data.filename;
    if (m._data?.size) media.size = m._data.size;
    // For photos and videos the body is the caption; for documents it may repeat the file name.
    const caption = kind === 'image' || kind === 'video' ? (m.body ?? '') : '';
    return { ...base, text: caption, media };
  }
  return { ...base, text: '', media: { kind: 'other' } };
}

function toNumber(v: number | string | undefined): number | undefined {
  const n = Number(v);
  return v === undefined || !Number.isFinite(n) ? undefined : n;
}
