/**
 * A minimal fake Telegram Bot API server on 127.0.0.1 for the end-to-end benchmark: getMe,
 * deleteWebhook, getUpdates (long polling, honours offset/limit/timeout), sendMessage; any other
 * method answers `true`. Tests push updates in and watch what the bots send. After the merge this
 * can give way to src/testing/fakeTelegram.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

/** Longest a getUpdates call is held open, whatever the client asks (keeps shutdown quick). */
const MAX_POLL_SECONDS = 2;

export interface BenchSentMessage {
  token: string;
  chatId: number;
  text: string;
  at: number;
}

type Waiter = () => void;

export class FakeBotApi {
  private server?: http.Server;
  private readonly queues = new Map<string, Update[]>();
  private readonly pollers = new Map<string, Set<Waiter>>();
  private nextUpdateId = 1;
  private messageId = 1;
  /** Called for every sendMessage. */
  onSend?: (m: BenchSentMessage) => void;
  sentCount = 0;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const set of this.pollers.values()) for (const w of set) w();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Queues a text message from `chatId` for the bot with this token. */
  pushText(token: string, chatId: number, text: string): void {
    const updateId = this.nextUpdateId++;
    const user = { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'en' };
    const update = {
      update_id: updateId,
      message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'Bench' }, from: user, text },
    } as Update;
    const q = this.queues.get(token) ?? [];
    q.push(update);
    this.queues.set(token, q);
    for (const w of this.pollers.get(token) ?? []) w();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const params = raw && (req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const reply = (result: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result }));
    };
    if (!m) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      return;
    }
    const [, token, method] = m;
    switch (method) {
      case 'getMe':
        return reply({ id: Number(token.split(':')[0]) || 1, is_bot: true, first_name: 'Bench', username: `bench_${token.split(':')[0]}_bot`, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'getUpdates':
        return reply(await this.getUpdates(token, params, req));
      case 'sendMessage': {
        const chatId = Number(params.chat_id);
        const text = String(params.text ?? '');
        this.sentCount++;
        this.onSend?.({ token, chatId, text, at: Date.now() });
        return reply({ message_id: this.messageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'Bench' }, text });
      }
      default:
        return reply(true);
    }
  }

  private async getUpdates(token: string, params: Record<string, unknown>, req: http.IncomingMessage): Promise<Update[]> {
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Number(params.limit ?? 100));
    const timeout = Math.min(MAX_POLL_SECONDS, Number(params.timeout ?? 0));
    const take = () => {
      const q = (this.queues.get(token) ?? []).filter((u) => u.update_id >= offset);
      this.queues.set(token, q); // confirmed updates (below offset) are forgotten
      return q.slice(0, limit);
    };
    let got = take();
    if (got.length || timeout <= 0) return got;
    await new Promise<void>((resolve) => {
      const set = this.pollers.get(token) ?? new Set<Waiter>();
      this.pollers.set(token, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        // Keep-alive sockets carry many polls: leave no listener behind.
        req.socket.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeout * 1000);
      set.add(done);
      req.socket.once('close', done);
    });
    got = take();
    return got;
  }
}
