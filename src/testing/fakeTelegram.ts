/**
 * A fake Telegram Bot API server on 127.0.0.1 that the real grammY talks to (tests only).
 *
 * ```ts
 * const tg = await FakeTelegram.start();              // tg.apiRoot, tg.token
 * new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
 * tg.userSays(1001, 'halo');                          // a private message from user 1001
 * tg.userTaps(1001, '2');                             // a press on an inline button
 * await tg.waitForSent((m) => m.chatId === '1001');   // what the bot sent
 * tg.failNextSends(1, { code: 429, retryAfter: 3 });  // inject platform errors
 * await tg.close();
 * ```
 *
 * It answers getMe, deleteWebhook, setWebhook, getWebhookInfo, getUpdates (honours `offset` and
 * long-polls up to `maxPollMs`), sendMessage, sendPhoto, sendDocument, answerCallbackQuery, getFile,
 * getChat and file downloads. Chats in `notStarted` are like a person who never pressed Start:
 * unknown to getChat ("chat not found") and refused on sends (403 "bot can't initiate conversation
 * with a user"). Every call is recorded in `calls`; sends in `sent`. Unknown methods get 404
 * like the real API. Updates confirmed by a later `offset` are forgotten, as Telegram does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

/** Longest a getUpdates call is held open, whatever `timeout` the bot asks for (keeps tests fast). */
export const DEFAULT_MAX_POLL_MS = 300;
export const FAKE_BOT_USERNAME = 'helpline_test_bot';

export interface SentMessage {
  method: string;
  chatId: string;
  messageId: number;
  text: string;
  replyMarkup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
  entities?: unknown[];
  /** For sendPhoto / sendDocument: the uploaded file name. */
  fileName?: string;
  /** Real milliseconds (Date.now()) when it was accepted. */
  at: number;
}

export type InjectedFailure =
  | { code: 429; retryAfter: number }
  | { code: 403; description?: string }
  | { code: 400; description?: string }
  | { code: 500 | 502 | 503; description?: string }
  /** The request is never answered (and nothing is delivered) until the client gives up. */
  | { code: 'hang' }
  /** The connection is reset before anything is delivered. */
  | { code: 'reset' }
  /** Delivered, but answered only after `ms` (longer than the client's timeout: delivered without the client knowing). */
  | { code: 'slow'; ms: number };

/** Called for every API call before it is processed and after (before the answer is written). 'drop' destroys the connection there. */
export type CallInterceptor = (call: { method: string; payload: Record<string, unknown> }, phase: 'before' | 'after') => 'drop' | void;

export interface FakeRateLimit {
  /** Accepted sends per chat per second before a 429. */
  perChatPerSecond?: number;
  /** Accepted sends over all chats per second before a 429. */
  overallPerSecond?: number;
  /** retry_after (seconds) in the 429. */
  retryAfter?: number;
}

interface Queued {
  update: Update;
  /** Delivered again regardless of the offset (a redelivery). */
  forced?: boolean;
}

interface ApiReply {
  status: number;
  body: unknown;
  /** Injected trouble: hang or reset the connection, or answer late. */
  trouble?: { kind: 'hang' | 'reset' } | { kind: 'slow'; ms: number };
}

/** What Telegram answers when the bot writes first to someone who never pressed Start. */
export const NOT_STARTED = "Forbidden: bot can't initiate conversation with a user";

const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendVoice', 'sendAudio', 'sendVideo']);

/** The fake server. Create with `FakeTelegram.start()`. */
export class FakeTelegram {
  readonly token: string;
  readonly botId = 777000111;
  readonly botUsername = FAKE_BOT_USERNAME;
  /** Every API call in order (method and JSON payload; multipart fields as strings). */
  readonly calls: { method: string; payload: Record<string, unknown>; at: number }[] = [];
  /** Messages the bot sent successfully. */
  readonly sent: SentMessage[] = [];
  /** Messages the bot deleted (deleteMessage), as they were sent. */
  readonly deleted: SentMessage[] = [];
  /** Sends refused by an injected failure or the rate limit. */
  readonly refused: { method: string; chatId: string; code: number; at: number }[] = [];
  /** callback_query ids the bot answered. */
  readonly answeredCallbacks: string[] = [];
  webhook: { url: string; secretToken?: string } | null = null;
  /** Longest a getUpdates call is held open. */
  maxPollMs = DEFAULT_MAX_POLL_MS;
  /** When set, every call answers 401 (a revoked token). */
  unauthorized = false;
  /** Sees every call before and after processing; may drop the connection (crash tests). */
  intercept?: CallInterceptor;
  /** Chats that never started the bot: getChat answers "chat not found" and sends 403, until the user writes. */
  readonly notStarted = new Set<string>();
  /** What getWebhookInfo reports as Telegram's last failed webhook delivery (unix seconds, message). */
  webhookLastError: { date: number; message: string } | null = null;

  private server!: http.Server;
  private queue: Queued[] = [];
  private confirmedOffset = 0;
  private nextUpdateId = 100;
  private nextMessageId = 1;
  private failures: InjectedFailure[] = [];
  private rateLimit: FakeRateLimit | null = null;
  private readonly files = new Map<string, { path: string; data: Buffer }>();
  private waiters = new Set<() => void>();
  private hanging = new Set<() => void>();
  private sentWaiters = new Set<() => void>();

  private constructor(token: string) {
    this.token = token;
  }

  /** Starts a fake on 127.0.0.1 with a random port. */
  static async start(opts: { token?: string } = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(opts.token ?? '123456:TEST-token_fake');
    fake.server = http.createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Base URL for grammY's `client.apiRoot` (and TELEGRAM_API_ROOT). */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const w of this.waiters) w();
    for (const h of this.hanging) h();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  // ---- the user side -------------------------------------------------------------------------

  /** Queues a raw update (update_id assigned when missing); returns it. */
  pushUpdate(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full = { ...update, update_id: update.update_id ?? this.nextUpdateId++ } as Update;
    this.queue.push({ update: full });
    this.wakePollers();
    return full;
  }

  /** Queues an update again even though its offset was confirmed (Telegram redelivering). */
  redeliver(update: Update): void {
    this.queue.push({ update, forced: true });
    this.wakePollers();
  }

  /** A private text message from a user (chat id = user id). */
  userSays(userId: number, text: string, opts: { languageCode?: string } = {}): Update {
    this.notStarted.delete(String(userId));
    return this.pushUpdate({ message: this.message(userId, userId, 'private', { text }, opts.languageCode) });
  }

  /** A press on an inline button with this callback_data, under the bot's last message to the user. */
  userTaps(userId: number, data: string): Update {
    const last = [...this.sent].reverse().find((m) => m.chatId === String(userId));
    return this.pushUpdate({
      callback_query: {
        id: `cb${this.nextUpdateId}`,
        from: this.user(userId),
        chat_instance: `ci${userId}`,
        data,
        message: {
          message_id: last?.messageId ?? 1,
          date: this.date(),
          chat: { id: userId, type: 'private', first_name: 'User' },
          from: { id: this.botId, is_bot: true, first_name: 'Helpline', username: this.botUsername },
          text: last?.text ?? '',
        },
      },
    } as Omit<Update, 'update_id'>);
  }

  /** The user edits an earlier message. */
  userEdits(userId: number, messageId: number, text: string): Update {
    const message = { ...(this.message(userId, userId, 'private', { text }) as object), message_id: messageId, edit_date: this.date() };
    return this.pushUpdate({ edited_message: message } as Omit<Update, 'update_id'>);
  }

  /** The user sends a photo (registered as a downloadable file); returns the update and file_id. */
  userSendsPhoto(userId: number, opts: { caption?: string; data?: Buffer } = {}): { update: Update; fileId: string } {
    const fileId = this.addFile(opts.data ?? Buffer.from('fake-jpeg-bytes'), 'photos/file_1.jpg');
    const size = (opts.data ?? Buffer.from('fake-jpeg-bytes')).length;
    const photo = [
      { file_id: `${fileId}-small`, file_unique_id: 'us', width: 90, height: 90, file_size: 100 },
      { file_id: fileId, file_unique_id: 'ub', width: 1280, height: 960, file_size: size },
    ];
    const update = this.pushUpdate({ message: this.message(userId, userId, 'private', { photo, caption: opts.caption }) });
    return { update, fileId };
  }

  /** A message in a group chat (negative id) from a member. */
  groupSays(groupId: number, userId: number, text: string): Update {
    return this.pushUpdate({ message: this.message(groupId, userId, 'supergroup', { text }) });
  }

  /** Makes a file downloadable through getFile; returns its file_id. */
  addFile(data: Buffer, filePath: string): string {
    const id = `file-${this.files.size + 1}`;
    this.files.set(id, { path: filePath, data });
    return id;
  }

  // ---- platform behaviour ---------------------------------------------------------------------

  /** The next `n` sends fail with this error (then sends work again). */
  failNextSends(n: number, failure: InjectedFailure): void {
    for (let i = 0; i < n; i++) this.failures.push(failure);
  }

  /** Forgets injected failures not yet used (the platform recovered). */
  clearFailures(): void {
    this.failures = [];
  }

  /** Enforces a rate limit on sends (429 with retry_after above it); null removes it. */
  enforceRateLimit(limit: FakeRateLimit | null): void {
    this.rateLimit = limit;
  }

  // ---- inspection ------------------------------------------------------------------------------

  /** Texts the bot sent to one chat, in order. */
  textsTo(chatId: number | string): string[] {
    return this.sent.filter((m) => m.chatId === String(chatId)).map((m) => m.text);
  }

  /** Resolves once `predicate` holds for the sent messages (default: at least one), or rejects after the timeout. */
  async waitForSent(predicate: (sent: SentMessage[]) => boolean = (s) => s.length > 0, timeoutMs = 5000): Promise<SentMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.sent)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`FakeTelegram: condition not met within ${timeoutMs} ms; sent so far:\n${this.sent.map((m) => `${m.chatId}: ${m.text.slice(0, 60)}`).join('\n')}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          this.sentWaiters.delete(done);
          resolve();
        };
        const t = setTimeout(done, Math.min(left, 100));
        this.sentWaiters.add(done);
      });
    }
    return this.sent;
  }

  /** Resolves once the bot has fetched every queued update (and confirmed all but the last batch). */
  async waitForQueueDrained(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.some((q) => q.forced || q.update.update_id >= this.confirmedOffset)) {
      if (Date.now() > deadline) throw new Error('FakeTelegram: updates were not fetched in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The offset the bot has confirmed: every update below it was acknowledged. */
  get confirmed(): number {
    return this.confirmedOffset;
  }

  /** Updates queued and not yet acknowledged. */
  get pendingUpdates(): number {
    return this.queue.filter((q) => q.forced || q.update.update_id >= this.confirmedOffset).length;
  }

  /** Calls of one method. */
  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.payload);
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const body = await readBody(req);
    const fileMatch = url.pathname.match(/^\/file\/bot([^/]+)\/(.+)$/);
    if (fileMatch) {
      const file = [...this.files.values()].find((f) => f.path === decodeURIComponent(fileMatch[2]));
      if (fileMatch[1] !== this.token || !file) {
        res.writeHead(404).end('Not Found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.data.length }).end(file.data);
      return;
    }
    const m = url.pathname.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
    let reply: ApiReply;
    if (!m) reply = apiError(404, 'Not Found');
    else if (m[1] !== this.token || this.unauthorized) reply = apiError(401, 'Unauthorized');
    else {
      // Like Telegram, parameters may come in the query string (GET) or the body.
      const payload = { ...Object.fromEntries(url.searchParams), ...(await parsePayload(req.headers['content-type'] ?? '', body)) };
      if (this.intercept?.({ method: m[2], payload }, 'before') === 'drop') {
        req.socket.destroy();
        return;
      }
      this.calls.push({ method: m[2], payload, at: Date.now() });
      reply = await this.method(m[2], payload, req);
      if (this.intercept?.({ method: m[2], payload }, 'after') === 'drop') {
        req.socket.destroy();
        return;
      }
    }
    if (reply.trouble?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (reply.trouble?.kind === 'hang') {
      await new Promise<void>((resolve) => {
        req.socket.once('close', () => resolve());
        this.hanging.add(resolve);
      });
      return;
    }
    if (reply.trouble?.kind === 'slow') await new Promise((r) => setTimeout(r, (reply.trouble as { ms: number }).ms));
    if (res.destroyed) return;
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
  }

  private async method(method: string, p: Record<string, unknown>, req: http.IncomingMessage): Promise<ApiReply> {
    switch (method) {
      case 'getMe':
        return ok({ id: this.botId, is_bot: true, first_name: 'Helpline', username: this.botUsername, can_join_groups: true });
      case 'deleteWebhook':
        this.webhook = null;
        if (p.drop_pending_updates) this.queue = [];
        return ok(true);
      case 'setWebhook':
        this.webhook = { url: String(p.url), secretToken: p.secret_token as string | undefined };
        return ok(true);
      case 'getWebhookInfo':
        return ok({
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.queue.length,
          ...(this.webhookLastError ? { last_error_date: this.webhookLastError.date, last_error_message: this.webhookLastError.message } : {}),
        });
      case 'getChat': {
        const id = String(p.chat_id);
        if (this.notStarted.has(id)) return apiError(400, 'Bad Request: chat not found');
        return ok({ id: Number(id), type: Number(id) < 0 ? 'supergroup' : 'private', first_name: 'User' });
      }
      case 'getUpdates':
        return this.getUpdates(p, req);
      case 'deleteMessage': {
        const i = this.sent.findIndex((m) => m.chatId === String(p.chat_id) && m.messageId === Number(p.message_id));
        if (i < 0) return apiError(400, 'Bad Request: message to delete not found');
        this.deleted.push(this.sent[i]);
        return ok(true);
      }
      case 'answerCallbackQuery':
        this.answeredCallbacks.push(String(p.callback_query_id));
        return ok(true);
      case 'getFile': {
        const f = this.files.get(String(p.file_id));
        if (!f) return apiError(400, 'Bad Request: invalid file_id');
        return ok({ file_id: p.file_id, file_unique_id: `u-${p.file_id}`, file_size: f.data.length, file_path: f.path });
      }
      default:
        if (SEND_METHODS.has(method)) return this.send(method, p);
        return apiError(404, 'Not Found: method not found');
    }
  }

  private async getUpdates(p: Record<string, unknown>, req: http.IncomingMessage): Promise<ApiReply> {
    if (this.webhook) return apiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(p.offset ?? 0);
    if (offset > 0) {
      // Telegram forgets updates below a confirmed offset.
      this.confirmedOffset = Math.max(this.confirmedOffset, offset);
      this.queue = this.queue.filter((q) => q.forced || q.update.update_id >= this.confirmedOffset);
    }
    const limit = Math.min(100, Number(p.limit ?? 100));
    const waitMs = Math.min(this.maxPollMs, Number(p.timeout ?? 0) * 1000);
    const take = () => {
      const out: Update[] = [];
      for (const q of this.queue) {
        if (out.length >= limit) break;
        if (q.forced || q.update.update_id >= offset) out.push(q.update);
      }
      // A forced redelivery is handed out once.
      this.queue = this.queue.filter((q) => !(q.forced && out.includes(q.update)));
      return out;
    };
    let updates = take();
    if (!updates.length && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          this.waiters.delete(done);
          resolve();
        };
        const t = setTimeout(done, waitMs);
        this.waiters.add(done);
        req.once('close', done);
      });
      updates = take();
    }
    return ok(updates);
  }

  private send(method: string, p: Record<string, unknown>): ApiReply {
    const chatId = String(p.chat_id);
    const now = Date.now();
    if (this.notStarted.has(chatId)) {
      this.refused.push({ method, chatId, code: 403, at: now });
      return apiError(403, NOT_STARTED);
    }
    const failure = this.failures.shift();
    if (failure && (failure.code === 'hang' || failure.code === 'reset')) {
      this.refused.push({ method, chatId, code: 0, at: now });
      return { status: 0, body: null, trouble: { kind: failure.code } };
    }
    if (failure && failure.code !== 'slow') {
      this.refused.push({ method, chatId, code: failure.code, at: now });
      if (failure.code === 429) return apiError(429, `Too Many Requests: retry after ${failure.retryAfter}`, { retry_after: failure.retryAfter });
      const descriptions: Record<number, string> = {
        403: 'Forbidden: bot was blocked by the user',
        400: 'Bad Request: chat not found',
        500: 'Internal Server Error',
        502: 'Bad Gateway',
        503: 'Service Unavailable',
      };
      return apiError(failure.code, failure.description ?? descriptions[failure.code]);
    }
    if (this.rateLimit) {
      const recent = this.sent.filter((s) => now - s.at < 1000);
      const { perChatPerSecond, overallPerSecond, retryAfter = 1 } = this.rateLimit;
      const overChat = perChatPerSecond !== undefined && recent.filter((s) => s.chatId === chatId).length >= perChatPerSecond;
      const overAll = overallPerSecond !== undefined && recent.length >= overallPerSecond;
      if (overChat || overAll) {
        this.refused.push({ method, chatId, code: 429, at: now });
        return apiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
      }
    }
    const text = String(p.text ?? p.caption ?? '');
    const msg: SentMessage = {
      method,
      chatId,
      messageId: this.nextMessageId++,
      text,
      replyMarkup: parseMaybeJson(p.reply_markup) as SentMessage['replyMarkup'],
      entities: parseMaybeJson(p.entities ?? p.caption_entities) as unknown[] | undefined,
      fileName: typeof p.__fileName === 'string' ? p.__fileName : undefined,
      at: now,
    };
    this.sent.push(msg);
    for (const w of this.sentWaiters) w();
    const answer = ok({ message_id: msg.messageId, date: this.date(), chat: { id: Number(chatId), type: 'private' }, text });
    return failure?.code === 'slow' ? { ...answer, trouble: { kind: 'slow', ms: failure.ms } } : answer;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private wakePollers(): void {
    for (const w of this.waiters) w();
  }

  private date(): number {
    return Math.floor(Date.now() / 1000);
  }

  private user(userId: number, languageCode?: string) {
    return { id: userId, is_bot: false, first_name: 'User', ...(languageCode ? { language_code: languageCode } : {}) };
  }

  private message(chatId: number, userId: number, type: 'private' | 'supergroup', content: Record<string, unknown>, languageCode?: string) {
    const chat = type === 'private' ? { id: chatId, type, first_name: 'User' } : { id: chatId, type, title: 'A group' };
    const clean = Object.fromEntries(Object.entries(content).filter(([, v]) => v !== undefined));
    return { message_id: this.nextMessageId++, date: this.date(), chat, from: this.user(userId, languageCode), ...clean } as never;
  }
}

function ok(result: unknown): ApiReply {
  return { status: 200, body: { ok: true, result } };
}

function apiError(code: number, description: string, parameters?: Record<string, unknown>): ApiReply {
  return { status: code, body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) } };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parsePayload(contentType: string, body: Buffer): Promise<Record<string, unknown>> {
  if (!body.length) return {};
  if (contentType.includes('application/json')) return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  if (contentType.includes('multipart/form-data')) {
    // grammY uploads files as multipart; undici's Response parses it.
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    const out: Record<string, unknown> = {};
    for (const [k, v] of form.entries()) {
      if (typeof v === 'string') out[k] = v;
      else out.__fileName = v.name;
    }
    return out;
  }
  return {};
}

function parseMaybeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
