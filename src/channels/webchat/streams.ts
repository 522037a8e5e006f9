/**
 * Open server-sent-event streams per web chat contact, so bot and officer messages appear at once.
 * Streams cost a socket each, so they are capped: a few per visitor (the oldest is closed), a few
 * per client address (further ones refused), and a stream with nothing sent for STREAM_IDLE_MS is
 * closed (the page's EventSource reconnects if it is still open).
 */
import type { Response } from 'express';
import type { WebchatMessage } from '../../store/webchatMessages.js';

/** Streams one contact may hold open (tabs); the oldest is closed beyond this. */
export const MAX_STREAMS_PER_CONTACT = 3;
/** Streams one client address may hold open, all its visitors together; more are refused (429). */
export const MAX_STREAMS_PER_ADDRESS = 12;
/** A stream with no message for this long is closed. */
export const STREAM_IDLE_MS = 15 * 60_000;
/** Comment lines keep proxies from closing an idle stream. */
export const HEARTBEAT_MS = 20_000;

/** Formats one message as an SSE event whose id lets the browser resume after a reconnect. */
export function sseEvent(m: WebchatMessage): string {
  return `id: ${m.id}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`;
}

interface Stream {
  res: Response;
  address: string;
  lastEventAt: number;
}

export class StreamHub {
  private readonly byChat = new Map<string, Set<Stream>>();
  private readonly byAddress = new Map<string, number>();
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly idleMs: number = STREAM_IDLE_MS) {}

  /** True when this address may open another stream. */
  canOpen(address: string): boolean {
    return (this.byAddress.get(address) ?? 0) < MAX_STREAMS_PER_ADDRESS;
  }

  /** Registers an open stream; it is dropped when the client disconnects. */
  add(chatId: string, res: Response, address = ''): void {
    let set = this.byChat.get(chatId);
    if (!set) this.byChat.set(chatId, (set = new Set()));
    if (set.size >= MAX_STREAMS_PER_CONTACT) {
      const oldest = set.values().next().value as Stream;
      this.drop(chatId, set, oldest);
      oldest.res.end();
    }
    const s: Stream = { res, address, lastEventAt: Date.now() };
    set.add(s);
    this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
    res.on('close', () => this.drop(chatId, set, s));
    this.heartbeat ??= setInterval(() => this.ping(), Math.min(HEARTBEAT_MS, this.idleMs));
    this.heartbeat.unref();
  }

  private drop(chatId: string, set: Set<Stream>, s: Stream): void {
    if (!set.delete(s)) return;
    const n = (this.byAddress.get(s.address) ?? 1) - 1;
    if (n > 0) this.byAddress.set(s.address, n);
    else this.byAddress.delete(s.address);
    if (!set.size && this.byChat.get(chatId) === set) this.byChat.delete(chatId);
  }

  /** Pushes a message to every open stream of the contact. */
  push(chatId: string, m: WebchatMessage): void {
    const event = sseEvent(m);
    for (const s of this.byChat.get(chatId) ?? []) {
      s.res.write(event);
      s.lastEventAt = Date.now();
    }
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
    for (const set of this.byChat.values()) for (const s of set) s.res.end();
    this.byChat.clear();
    this.byAddress.clear();
  }

  private ping(): void {
    const now = Date.now();
    for (const [chatId, set] of this.byChat) {
      for (const s of [...set]) {
        if (now - s.lastEventAt >= this.idleMs) {
          this.drop(chatId, set, s);
          s.res.end();
        } else s.res.write(': ping\n\n');
      }
    }
  }
}
