/**
 * Turns a Cloud API webhook payload into normalized inbound messages and delivery statuses.
 * Pure: no I/O, so every message type is tested without a server.
 */
import type { Inbound, MediaDescriptor, MediaKind } from '../../core/types.js';

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusUpdate {
  /** The wamid we got back when sending. */
  platformMessageId: string;
  status: DeliveryStatus;
  /** For 'failed': the platform's error code and title. */
  error?: string;
}

export interface WebhookContent {
  messages: Inbound[];
  statuses: StatusUpdate[];
}

/** Message types that need no answer at all (a reaction is not a question). */
const SILENT_TYPES = new Set(['reaction', 'system', 'ephemeral']);
const FILE_TYPES: Record<string, MediaKind> = { image: 'image', video: 'video', document: 'document', sticker: 'sticker', audio: 'audio' };
const STATUSES = new Set<DeliveryStatus>(['sent', 'delivered', 'read', 'failed']);

/* The subset of the Graph webhook shape we read; everything is optional because it is input. */
interface WaFile {
  id?: string;
  mime_type?: string;
  caption?: string;
  filename?: string;
  voice?: boolean;
}
interface WaMessage {
  id?: string;
  from?: string;
  timestamp?: string;
  type?: string;
  text?: { body?: string };
  interactive?: { type?: string; list_reply?: { id?: string }; button_reply?: { id?: string } };
  button?: { payload?: string; text?: string };
  location?: { latitude?: number; longitude?: number };
  [fileType: string]: unknown;
}
interface WaStatus {
  id?: string;
  status?: string;
  errors?: { code?: number; title?: string; message?: string }[];
}
interface WaPayload {
  object?: string;
  entry?: { changes?: { field?: string; value?: { metadata?: { phone_number_id?: string }; messages?: WaMessage[]; statuses?: WaStatus[] } }[] }[];
}

/** Extracts messages and statuses addressed to our phone number id; unknown shapes are skipped. */
export function convertWebhookToInbound(payload: unknown, phoneNumberId: string, now: number): WebhookContent {
  const out: WebhookContent = { messages: [], statuses: [] };
  const p = payload as WaPayload;
  for (const entry of Array.isArray(p?.entry) ? p.entry : []) {
    for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
      const value = change?.value;
      if (!value) continue;
      const target = value.metadata?.phone_number_id;
      if (target && target !== phoneNumberId) continue; // another number on the same app
      for (const m of Array.isArray(value.messages) ? value.messages : []) {
        const msg = convertMessage(m, now);
        if (msg) out.messages.push(msg);
      }
      for (const s of Array.isArray(value.statuses) ? value.statuses : []) {
        const st = convertStatus(s);
        if (st) out.statuses.push(st);
      }
    }
  }
  return out;
}

function convertMessage(m: WaMessage, now: number): Inbound | undefined {
  if (!m || typeof m.id !== 'string' || typeof m.from !== 'string' || !m.type || SILENT_TYPES.has(m.type)) return undefined;
  const ts = Number(m.timestamp);
  const base = {
    channel: 'whatsapp-cloud' as const,
    chatId: m.from,
    platformId: m.id,
    receivedAt: Number.isFinite(ts) && ts > 0 ? ts * 1000 : now,
  };
  switch (m.type) {
    case 'text':
      return { ...base, text: m.text?.body ?? '' };
    case 'interactive': {
      const id = m.interactive?.list_reply?.id ?? m.interactive?.button_reply?.id;
      return id === undefined ? { ...base, text: '', media: { kind: 'other' } } : { ...base, text: id, kind: 'tap' };
    }
    case 'button': // quick-reply button of a template message
      return { ...base, text: m.button?.payload ?? m.button?.text ?? '', kind: 'tap' };
    case 'location': {
      const media: MediaDescriptor = { kind: 'location', latitude: m.location?.latitude, longitude: m.location?.longitude };
      return { ...base, text: '', media };
    }
    case 'contacts':
      return { ...base, text: '', media: { kind: 'contact' } };
  }
  const kind = FILE_TYPES[m.type];
  if (kind) {
    const f = (m[m.type] ?? {}) as WaFile;
    const media: MediaDescriptor = { kind: kind === 'audio' && f.voice ? 'voice' : kind, ref: f.id };
    if (f.mime_type) media.mime = f.mime_type;
    if (f.filename) media.fileName = f.filename;
    return { ...base, text: f.caption ?? '', media };
  }
  // 'unsupported' and types added later: the engine answers politely instead of staying silent.
  return { ...base, text: '', media: { kind: 'other' } };
}

function convertStatus(s: WaStatus): StatusUpdate | undefined {
  if (!s || typeof s.id !== 'string' || !STATUSES.has(s.status as DeliveryStatus)) return undefined;
  const update: StatusUpdate = { platformMessageId: s.id, status: s.status as DeliveryStatus };
  if (update.status === 'failed') {
    const e = s.errors?.[0];
    update.error = e ? `${e.code ?? '?'} ${e.title ?? e.message ?? 'failed'}` : 'failed';
  }
  return update;
}
