/** Open server-sent-event streams per web chat contact, so bot and officer messages appear at once. */
import type { Response } from 'express';
import type { WebchatMessage } from '../../store/webchatMessages.js';

/** Streams one contact may hold open (tabs); the oldest is closed beyond this. */
export const MAX_STREAMS_PER_CONTACT = 4;
/** Comment lines keep proxies from closing an idle stream. */
export const HEARTBEAT_MS = 20_000;

/** Formats one message as an SSE event whose id lets the browser resume after a reconnect. */
export function sseEvent(m: WebchatMessage): string {
  return `id: ${m.id}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`;
}

export class StreamHub {
  private readonly byChat = new Map<string, Set<Response>>();
  private heartbeat?: NodeJS.Timeout;

  /** Registers an open stream; it is dropped when the client disconnects. */
  add(chatId: string, res: Response): void {
    let set = this.byChat.get(chatId);
    if (!set) this.byChat.set(chatId, (set = new Set()));
    if (set.size >= MAX_STREAMS_PER_CONTACT) {
      const oldest = set.values().next().value as Response;
      set.delete(oldest);
      oldest.end();
    }
    set.add(res);
    res.on('close', () => {
      set.delete(res);
      if (!set.size && this.byChat.get(chatId) === set) this.byChat.delete(chatId);
    });
    this.heartbeat ??= setInterval(() => this.ping(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Pushes a message to every open stream of the contact. */
  push(chatId: string, m: WebchatMessage): void {
    const event = sseEvent(m);
    for (const res of this.byChat.get(chatId) ?? []) res.write(event);
  }

  /** Number of open streams (for health detail). */
  get size(): number {
    let n = 0;
    for (const s of this.byChat.values()) n += s.size;
    return n;
  }

  /** Ends every stream (shutdown). */
  closeAll(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const set of this.byChat.values()) for (const res of set) res.end();
    this.byChat.clear();
  }

  private ping(): void {
    for (const set of this.byChat.values()) for (const res of set) res.write(': ping\n\n');
  }
}
