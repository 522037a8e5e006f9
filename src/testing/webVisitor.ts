/**
 * An anonymous web-chat visitor speaking HTTP to the real server, as an attacker's script would:
 * `GET /chat` for a cookie, then JSON posts. `forwardedFor` sets X-Forwarded-For (the app must
 * run with TRUST_PROXY for it to count) so one test can play many client addresses.
 */
import { randomBytes } from 'node:crypto';

export interface VisitorMessage {
  id: number;
  dir: 'in' | 'out';
  text: string;
}

export class WebVisitor {
  cookie = '';
  private seen = 0;

  constructor(
    readonly base: string,
    readonly forwardedFor?: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.forwardedFor ? { 'x-forwarded-for': this.forwardedFor } : {}), ...extra };
  }

  /** Loads /chat (a new identity when there is no cookie yet); returns the HTTP status. */
  async open(): Promise<number> {
    const res = await fetch(`${this.base}/chat`, { headers: this.headers() });
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (set.length) this.cookie = set.join('; ');
    await res.text();
    return res.status;
  }

  /** Posts one message; resolves with the HTTP status once the server answered. */
  async post(text: string): Promise<number> {
    const res = await fetch(`${this.base}/chat/api/messages`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ text, clientId: randomBytes(9).toString('base64url') }),
    });
    await res.text();
    return res.status;
  }

  /** Messages the bot sent since the last call. */
  async news(): Promise<string[]> {
    const res = await fetch(`${this.base}/chat/api/messages?after=${this.seen}`, { headers: this.headers() });
    if (res.status !== 200) return [];
    const { messages } = (await res.json()) as { messages: VisitorMessage[] };
    if (messages.length) this.seen = messages[messages.length - 1].id;
    return messages.filter((m) => m.dir === 'out').map((m) => m.text);
  }

  /**
   * Opens the chat's event stream as the page does (EventSource on /chat/api/stream) and returns
   * a function that resolves with the first bot message matching, pushed by the server.
   */
  async listen(): Promise<{ next: (match: (text: string) => boolean, timeoutMs?: number) => Promise<string>; close: () => void }> {
    const ac = new AbortController();
    const res = await fetch(`${this.base}/chat/api/stream?after=${this.seen}`, { headers: this.headers(), signal: ac.signal });
    if (res.status !== 200 || !res.body) throw new Error(`the chat stream answered ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const next = async (match: (text: string) => boolean, timeoutMs = 5000): Promise<string> => {
      const timer = setTimeout(() => ac.abort(), timeoutMs);
      try {
        for (;;) {
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
            buffer = buffer.slice(end + 2);
            const m = data ? (JSON.parse(data) as VisitorMessage) : undefined;
            if (m?.dir === 'out' && match(m.text)) return m.text;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('the chat stream ended');
          buffer += value;
        }
      } finally {
        clearTimeout(timer);
      }
    };
    return { next, close: () => ac.abort() };
  }

  /** Polls until a bot message matches (or the timeout); returns every message seen meanwhile. */
  async waitFor(match: (text: string) => boolean, timeoutMs = 5000): Promise<string[]> {
    const all: string[] = [];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      all.push(...(await this.news()));
      if (all.some(match)) return all;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no matching message within ${timeoutMs} ms; got:\n${all.join('\n---\n')}`);
  }
}
