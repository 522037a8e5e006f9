/**
 * The web chat channel (`/chat`): an anonymous visitor bound to a random id (a signed cookie, or a
 * signed token kept in the page's storage when embedded on another site) talks to the same
 * conversation engine as WhatsApp and Telegram users. What the bot sends is stored in
 * `webchat_messages` and pushed to the visitor's open server-sent-event streams, so officer
 * replies queued later through the outbox appear without a reload. Files the visitor uploads
 * reach the router as media (fetchMedia resolves them); files the bot sends become downloads.
 *
 * The channel keeps its own connection to the database file (channels are built before the app
 * opens its own); every write is a short autocommit, so the two never wait on each other.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Request, type Response, type Router as ExpressRouter } from 'express';
import type { Config } from '../config.js';
import { type Clock, systemClock } from '../core/clock.js';
import { SendError } from '../core/errors.js';
import type { ChannelAdapter } from './adapter.js';
import type { ChannelHealth, Intake, Outbound, SendResult } from '../core/types.js';
import { MAX_INPUT_CHARS } from '../conversation/text.js';
import { Translator } from '../i18n.js';
import { type Logger, chatTag, silentLogger } from '../logger.js';
import { fileSecret } from '../store/secrets.js';
import { pageSecurityHeaders } from '../http/securityHeaders.js';
import { ContactStore } from '../store/contacts.js';
import { type DB, openDatabase } from '../store/db.js';
import { mountFileRoutes } from './webchat/files.js';
import { ChatIdentity, TOKEN_HEADER, WEBCHAT_COOKIE, newChatId } from './webchat/identity.js';
import { asLang, mountAppShell } from './webchat/appShell.js';
import { ASSETS_DIR, INLINE_CSS_HASH, chatPage } from './webchat/page.js';
import { StreamHub, sseEvent } from './webchat/streams.js';
import { type SentFile, WebchatStore } from '../store/webchatMessages.js';
import { MAX_UPLOAD_BYTES, UPLOAD_TTL_MS, UploadStore } from './webchat/uploads.js';

export { WEBCHAT_COOKIE } from './webchat/identity.js';
import { addressKey, newVisitorLimit, postLimits } from './webchat/addressLimits.js';
import { LoadGauge } from '../http/loadShedding.js';
import { chatHasOpenUrgentCase, isUrgentText } from '../domain/cases/urgency.js';

/** The cookie outlives a browser session so a family can come back to the conversation. */
export const COOKIE_MAX_AGE_MS = 90 * 24 * 3600_000;
/** Messages one visitor may post per minute (typing, taps and files); an address has WEBCHAT_POSTS_PER_ADDRESS_PER_MINUTE. */
export const POSTS_PER_MINUTE = 30;
/** Largest JSON body accepted (a message is at most MAX_INPUT_CHARS characters). */
export const MAX_BODY = '24kb';
/** Stored conversations are erased after this long (as long as the cookie lives). */
export const MESSAGE_RETENTION_MS = COOKIE_MAX_AGE_MS;
/** A file the bot sends up to this size is kept with the message (calendar files), larger ones by path. */
export const INLINE_FILE_MAX_BYTES = 256 * 1024;
const PURGE_EVERY_MS = 6 * 3600_000;
/** Longest button label echoed back as the visitor's message. */
const MAX_LABEL_CHARS = 200;
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface WebchatOptions {
  config: Config;
  clock?: Clock;
  log?: Logger;
  /** Idle open streams are closed after this long (tests shorten it). */
  streamIdleMs?: number;
  /** Origins allowed to embed /chat in a frame (CSP frame-ancestors); default any. */
  frameAncestors?: string[];
}

export class WebchatChannel implements ChannelAdapter {
  readonly name = 'webchat' as const;
  private intake?: Intake;
  private dbConn?: DB;
  private storeInst?: WebchatStore;
  private uploadsInst?: UploadStore;
  private contactsInst?: ContactStore;
  private readonly hub: StreamHub;
  /** Event-loop lag: non-urgent posts are shed while the server is behind. */
  readonly load = new LoadGauge();
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly translator: Translator;
  private stopped = false;
  private purgeTimer?: NodeJS.Timeout;

  constructor(private readonly opts: WebchatOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? silentLogger;
    this.hub = new StreamHub(opts.streamIdleMs);
    this.translator = Translator.create({ region: opts.config.REGION_NAME });
  }

  private get db(): DB {
    this.dbConn ??= openDatabase(this.opts.config.DB_PATH);
    return this.dbConn;
  }

  private get store(): WebchatStore {
    this.storeInst ??= new WebchatStore(this.db);
    return this.storeInst;
  }

  private get uploads(): UploadStore {
    this.uploadsInst ??= new UploadStore(this.db, this.opts.config.DATA_DIR);
    return this.uploadsInst;
  }

  private get contacts(): ContactStore {
    this.contactsInst ??= new ContactStore(this.db);
    return this.contactsInst;
  }

  async start(intake: Intake): Promise<void> {
    this.intake = intake;
    this.stopped = false;
    this.load.start();
    const purge = () => {
      const now = this.clock.now();
      const n = this.store.purgeBefore(now - MESSAGE_RETENTION_MS);
      const files = this.uploads.purge(now - UPLOAD_TTL_MS);
      if (n || files) this.log.info({ rows: n, files }, 'erased old web chat messages and uploads');
    };
    purge();
    this.purgeTimer = setInterval(purge, PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.intake = undefined;
    this.load.stop();
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.hub.closeAll();
    this.dbConn?.close();
    this.dbConn = undefined;
    this.storeInst = undefined;
    this.uploadsInst = undefined;
    this.contactsInst = undefined;
  }

  /** Stores the message for the visitor's page and pushes it to their open streams; a file becomes a download. */
  async send(chatId: string, msg: Outbound): Promise<SendResult> {
    if (this.stopped) throw new SendError('web chat is stopping', 'transient');
    let file: SentFile | undefined;
    if (msg.media) {
      const name = msg.media.fileName ?? path.basename(msg.media.path);
      const size = fs.statSync(msg.media.path, { throwIfNoEntry: false })?.size;
      if (size === undefined) throw new SendError(`the file to send is gone: ${name}`, 'permanent');
      file = size <= INLINE_FILE_MAX_BYTES ? { name, mime: msg.media.mime, data: fs.readFileSync(msg.media.path) } : { name, mime: msg.media.mime, path: msg.media.path };
    }
    const m = this.store.recordOutbound(chatId, msg.text, msg.choices, this.clock.now(), file);
    const lang = this.contacts.find('webchat', chatId)?.language;
    const first = !this.store.hasBefore(chatId, m.id);
    this.hub.push(chatId, { ...m, ...(lang ? { lang } : {}), ...(first ? { first } : {}) });
    return { platformMessageId: String(m.id) };
  }

  /** Reads a file the visitor uploaded (the evidence worker copies it into the case). */
  async fetchMedia(ref: string): Promise<{ data: Buffer; mime: string }> {
    return this.uploads.read(ref);
  }

  health(): ChannelHealth {
    if (!this.intake) return { state: 'off' };
    // Numbers only: the dashboard words them in the officer's language.
    return { state: 'up', stats: { openChatWindows: this.hub.size } };
  }

  /** GET /chat, the chat API, the page's script, the web app files and the offline page. */
  mount(app: ExpressRouter): void {
    const https = this.opts.config.PUBLIC_BASE_URL.startsWith('https:');
    const secret = fileSecret(this.opts.config.DATA_DIR, 'webchat-cookie');
    const cookieName = https ? `__Host-${WEBCHAT_COOKIE}` : WEBCHAT_COOKIE;
    const identity = new ChatIdentity(secret, cookieName);
    const r = express.Router();
    // Streams are never compressed: gzip would hold events back until its buffer fills.
    r.use(compression({ filter: (req, res) => !req.path.endsWith('/stream') && compression.filter(req, res) }));
    r.use(pageSecurityHeaders({ frameAncestors: this.opts.frameAncestors ?? ['*'], https, styleHashes: [INLINE_CSS_HASH] }));
    r.use(cookieParser(secret));
    r.use('/assets', express.static(ASSETS_DIR, { maxAge: '1d', index: false }));
    const assetVersion = createHash('sha256').update(fs.readFileSync(path.join(ASSETS_DIR, 'chat.js'))).digest('hex').slice(0, 10);

    // Over https the cookie also works inside a frame on another site, kept apart per embedding
    // site (CHIPS); over plain http that is impossible, and the stored token does the same job.
    // Under https the cookie is `__Host-` prefixed: the browser then insists on Secure, Path=/ and no Domain.
    const cookieOptions = {
      signed: true,
      httpOnly: true,
      sameSite: https ? ('none' as const) : ('lax' as const),
      secure: https,
      partitioned: https,
      path: https ? '/' : '/chat',
      maxAge: COOKIE_MAX_AGE_MS,
    };
    const maxUploadMb = Math.floor(MAX_UPLOAD_BYTES / 1048576);

    r.get(
      '/',
      newVisitorLimit(this.opts.config.WEBCHAT_NEW_VISITORS_PER_HOUR, (req) => !identity.visitor(req), (req, res) => {
        const lang = asLang(req.query.lang) ?? this.opts.config.DEFAULT_LANGUAGE;
        res.status(429).set('Cache-Control', 'no-store').type('text').send(this.translator.t(lang, 'webchat.tooManyNew'));
      }),
    );
    r.get('/', (req, res) => {
      let chatId = identity.visitor(req);
      const fresh = !chatId;
      if (!chatId) {
        chatId = newChatId();
        res.cookie(cookieName, chatId, cookieOptions);
      }
      const chosen = this.contacts.find('webchat', chatId)?.language ?? undefined;
      const asked = asLang(req.query.lang);
      const lang = chosen ?? asked ?? this.opts.config.DEFAULT_LANGUAGE;
      const page = chatPage(this.translator, lang, {
        messages: fresh ? [] : this.store.since(chatId, 0),
        token: identity.token(chatId),
        fresh,
        presetLang: chosen ? undefined : asked,
        exitUrl: this.opts.config.WEBCHAT_EXIT_URL,
        assetVersion,
        maxUploadMb,
      });
      res.set('Cache-Control', 'no-store').type('html').send(page.value);
    });

    mountAppShell(r, { translator: this.translator, defaultLang: this.opts.config.DEFAULT_LANGUAGE, maxUploadMb });

    const api = express.Router();
    api.use((req, res, next) => {
      // The event stream and downloads cannot carry a header: they may name the token in the URL.
      const chatId = identity.visitor(req, req.method === 'GET' && (req.path === '/stream' || req.path.startsWith('/files/')));
      if (!chatId) return void res.status(401).json({ error: 'no chat cookie: load /chat first' });
      if (this.stopped || !this.intake) return void res.status(503).json({ error: 'the chat is not running' });
      // The page went on with the conversation kept in its storage (its cookie was lost): the cookie
      // follows, so the next visit opens that conversation rather than the empty one it was given.
      // Only for a page open on its own: a framing site must not move the visitor's cookie.
      if (req.get(TOKEN_HEADER) && req.get('x-chat-top') === '1' && identity.cookieVisitor(req) !== chatId) res.cookie(cookieName, chatId, cookieOptions);
      res.locals.chatId = chatId;
      next();
    });

    api.get('/messages', (req, res) => {
      const after = Math.max(0, Number(req.query.after) || 0);
      res.set('Cache-Control', 'no-store').json({ messages: this.store.since(res.locals.chatId, after) });
    });

    api.get('/stream', (req, res) => {
      const chatId: string = res.locals.chatId;
      const address = addressKey(req);
      if (!this.hub.canOpen(address)) return void res.status(429).json({ error: 'too many open chat windows from this network' });
      const after = Math.max(0, Number(req.query.after) || 0, Number(req.get('last-event-id')) || 0);
      res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      res.write('retry: 2000\n\n');
      for (const m of this.store.since(chatId, after)) res.write(sseEvent(m));
      this.hub.add(chatId, res, address);
    });

    // Limits per visitor and per address; urgent posts (marked by the gate below) always pass.
    const limits = postLimits({
      perVisitor: POSTS_PER_MINUTE,
      perAddress: this.opts.config.WEBCHAT_POSTS_PER_ADDRESS_PER_MINUTE,
      isUrgent: (_req, res) => res.locals.urgent === true,
    });
    const limit = express.Router().use(...limits);
    // A flood must not queue up ahead of an emergency: when the server is behind, chatter waits.
    const gate = (req: Request, res: Response, next: () => void) => {
      const urgent = this.isUrgentPost(req, res);
      res.locals.urgent = urgent;
      if (!urgent && this.load.overloaded(res.locals.chatId)) {
        this.load.shed++;
        return void res.status(503).set('Retry-After', '2').json({ error: 'busy; try again in a moment' });
      }
      next();
    };

    // Parsed first so that the limits can let an emergency through.
    api.post('/messages', express.json({ limit: MAX_BODY }), gate, limit, async (req, res) => {
      if (!req.is('application/json')) return void res.status(415).json({ error: 'send JSON' });
      const body = (req.body ?? {}) as { text?: unknown; clientId?: unknown; label?: unknown; tap?: unknown; lang?: unknown };
      const text = typeof body.text === 'string' ? body.text : '';
      const clientId = typeof body.clientId === 'string' && CLIENT_ID.test(body.clientId) ? body.clientId : '';
      if (!text.trim() || !clientId) return void res.status(400).json({ error: 'expected {text, clientId}' });
      if (text.length > MAX_INPUT_CHARS * 2) return void res.status(413).json({ error: 'message too long' });
      const tap = body.tap === true;
      const label = tap && typeof body.label === 'string' && body.label.trim() ? body.label.slice(0, MAX_LABEL_CHARS) : text;
      const chatId: string = res.locals.chatId;
      this.presetLanguage(chatId, body.lang);
      const now = this.clock.now();
      // Stored before the turn so it is listed before the replies the turn produces.
      const { message, fresh } = this.store.recordInbound(chatId, label, clientId, now);
      if (fresh) this.hub.push(chatId, message);
      const result = await this.intake!({
        channel: 'webchat',
        chatId,
        platformId: `${chatId}:${clientId}`,
        text,
        receivedAt: now,
        kind: tap ? 'tap' : 'message',
        languageHint: req.acceptsLanguages()[0],
        address: req.ip,
      });
      if (result === 'refused') return void res.status(503).json({ error: 'the chat is restarting; try again in a moment' });
      this.log.debug({ chat: chatTag('webchat', chatId), result }, 'web chat message');
      res.json({ result, message });
    });

    mountFileRoutes(api, {
      store: this.store,
      uploads: this.uploads,
      now: () => this.clock.now(),
      intake: (msg) => this.intake?.(msg),
      push: (chatId, m) => this.hub.push(chatId, m),
      presetLanguage: (chatId, lang) => this.presetLanguage(chatId, lang),
      limit,
    });
    r.use('/api', api);
    app.use('/chat', r);
  }

  /**
   * A page opened with `?lang=` speaks that language from the first screen: the visitor's first
   * message sets it on a contact that has none, so the bot skips its language menu.
   */
  private presetLanguage(chatId: string, lang: unknown): void {
    const wanted = asLang(lang);
    if (!wanted) return;
    const contact = this.contacts.find('webchat', chatId);
    if (contact?.language) return;
    const c = contact ?? this.contacts.upsert('webchat', chatId, this.clock.now(), false);
    this.contacts.applyPatch(c.id, { language: wanted });
  }

  /** Emergency words, danger words, or a visitor with an open urgent case: never limited, never shed. */
  private isUrgentPost(req: Request, res: Response): boolean {
    const text = typeof req.body?.text === 'string' ? req.body.text : '';
    return isUrgentText(text) || chatHasOpenUrgentCase(this.db, 'webchat', res.locals.chatId);
  }
}
