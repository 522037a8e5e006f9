/**
 * The web chat channel (`/chat`): an anonymous visitor bound to a random id in a signed cookie
 * talks to the same conversation engine as WhatsApp and Telegram users. What the bot sends is
 * stored in `webchat_messages` and pushed to the visitor's open server-sent-event streams, so
 * officer replies queued later through the outbox appear without a reload.
 *
 * The channel keeps its own connection to the database file (channels are built before the app
 * opens its own); every write is a short autocommit, so the two never wait on each other.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type Request, type Response, type Router as ExpressRouter } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Config } from '../config.js';
import { type Clock, systemClock } from '../core/clock.js';
import { SendError } from '../core/errors.js';
import type { ChannelAdapter } from './adapter.js';
import { type ChannelHealth, type Intake, LANGUAGES, type Lang, type Outbound, type SendResult } from '../core/types.js';
import { MAX_INPUT_CHARS } from '../conversation/text.js';
import { Translator } from '../i18n.js';
import { type Logger, chatTag, silentLogger } from '../logger.js';
import { persistentSecret } from '../http/secrets.js';
import { pageSecurityHeaders } from '../http/securityHeaders.js';
import { type DB, openDatabase } from '../store/db.js';
import { chatPage } from './webchat/page.js';
import { StreamHub, sseEvent } from './webchat/streams.js';
import { ContactStore } from '../store/contacts.js';
import { WebchatStore } from '../store/webchatMessages.js';

/** Name of the signed cookie holding the visitor's random id. */
export const WEBCHAT_COOKIE = 'helpline_chat';
/** The cookie outlives a browser session so a family can come back to the conversation. */
export const COOKIE_MAX_AGE_MS = 90 * 24 * 3600_000;
/** Messages one visitor may post per minute (typing and taps). */
export const POSTS_PER_MINUTE = 30;
/** Largest JSON body accepted (a message is at most MAX_INPUT_CHARS characters). */
export const MAX_BODY = '24kb';
/** Stored conversations are erased after this long (as long as the cookie lives). */
export const MESSAGE_RETENTION_MS = COOKIE_MAX_AGE_MS;
const PURGE_EVERY_MS = 6 * 3600_000;
/** Longest button label echoed back as the visitor's message. */
const MAX_LABEL_CHARS = 200;

const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'webchat', 'public');
const CHAT_ID = /^[A-Za-z0-9_-]{22}$/;
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface WebchatOptions {
  config: Config;
  clock?: Clock;
  log?: Logger;
  /** Origins allowed to embed /chat in a frame (CSP frame-ancestors); default any. */
  frameAncestors?: string[];
}

export class WebchatChannel implements ChannelAdapter {
  readonly name = 'webchat' as const;
  private intake?: Intake;
  private dbConn?: DB;
  private storeInst?: WebchatStore;
  private contactsInst?: ContactStore;
  private readonly hub = new StreamHub();
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly translator: Translator;
  private stopped = false;
  private purgeTimer?: NodeJS.Timeout;

  constructor(private readonly opts: WebchatOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? silentLogger;
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

  private get contacts(): ContactStore {
    this.contactsInst ??= new ContactStore(this.db);
    return this.contactsInst;
  }

  async start(intake: Intake): Promise<void> {
    this.intake = intake;
    this.stopped = false;
    const purge = () => {
      const n = this.store.purgeBefore(this.clock.now() - MESSAGE_RETENTION_MS);
      if (n) this.log.info({ rows: n }, 'erased old web chat messages');
    };
    purge();
    this.purgeTimer = setInterval(purge, PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.intake = undefined;
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.hub.closeAll();
    this.dbConn?.close();
    this.dbConn = undefined;
    this.storeInst = undefined;
    this.contactsInst = undefined;
  }

  /** Stores the message for the visitor's page and pushes it to their open streams. */
  async send(chatId: string, msg: Outbound): Promise<SendResult> {
    if (this.stopped) throw new SendError('web chat is stopping', 'transient');
    const text = msg.media ? `${msg.text}\n[${msg.media.fileName ?? path.basename(msg.media.path)}]` : msg.text;
    const m = this.store.recordOutbound(chatId, text, msg.choices, this.clock.now());
    this.hub.push(chatId, m);
    return { platformMessageId: String(m.id) };
  }

  health(): ChannelHealth {
    if (!this.intake) return { state: 'off' };
    return { state: 'up', detail: `${this.hub.size} open chat window(s)` };
  }

  /** GET /chat, the chat API and the page's script and styles. */
  mount(app: ExpressRouter): void {
    const https = this.opts.config.PUBLIC_BASE_URL.startsWith('https:');
    const r = express.Router();
    r.use(pageSecurityHeaders({ frameAncestors: this.opts.frameAncestors ?? ['*'], https }));
    r.use(cookieParser(persistentSecret(this.db, 'cookies')));
    r.use('/assets', express.static(ASSETS_DIR, { maxAge: '1h', index: false }));

    const cookieOptions = {
      signed: true,
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: https,
      path: '/chat',
      maxAge: COOKIE_MAX_AGE_MS,
    };
    const visitor = (req: Request): string | undefined => {
      const v = req.signedCookies?.[WEBCHAT_COOKIE];
      return typeof v === 'string' && CHAT_ID.test(v) ? v : undefined;
    };

    r.get('/', (req, res) => {
      let chatId = visitor(req);
      if (!chatId) {
        chatId = randomBytes(16).toString('base64url');
        res.cookie(WEBCHAT_COOKIE, chatId, cookieOptions);
      }
      res.set('Cache-Control', 'no-store').type('html').send(chatPage(this.translator, this.pageLanguage(chatId, req)).value);
    });

    const api = express.Router();
    api.use((req, res, next) => {
      const chatId = visitor(req);
      if (!chatId) return void res.status(401).json({ error: 'no chat cookie: load /chat first' });
      if (this.stopped || !this.intake) return void res.status(503).json({ error: 'the chat is not running' });
      res.locals.chatId = chatId;
      next();
    });

    api.get('/messages', (req, res) => {
      const after = Math.max(0, Number(req.query.after) || 0);
      res.set('Cache-Control', 'no-store').json({ messages: this.store.since(res.locals.chatId, after) });
    });

    api.get('/stream', (req, res) => {
      const chatId: string = res.locals.chatId;
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
      this.hub.add(chatId, res);
    });

    api.post(
      '/messages',
      rateLimit({
        windowMs: 60_000,
        limit: POSTS_PER_MINUTE,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        keyGenerator: (req, res) => res.locals.chatId ?? ipKeyGenerator(req.ip ?? ''),
        handler: (_req, res) => void res.status(429).json({ error: 'too many messages; wait a minute' }),
      }),
      express.json({ limit: MAX_BODY }),
      async (req, res) => {
        if (!req.is('application/json')) return void res.status(415).json({ error: 'send JSON' });
        const body = (req.body ?? {}) as { text?: unknown; clientId?: unknown; label?: unknown; tap?: unknown };
        const text = typeof body.text === 'string' ? body.text : '';
        const clientId = typeof body.clientId === 'string' && CLIENT_ID.test(body.clientId) ? body.clientId : '';
        if (!text.trim() || !clientId) return void res.status(400).json({ error: 'expected {text, clientId}' });
        if (text.length > MAX_INPUT_CHARS * 2) return void res.status(413).json({ error: 'message too long' });
        const tap = body.tap === true;
        const label = tap && typeof body.label === 'string' && body.label.trim() ? body.label.slice(0, MAX_LABEL_CHARS) : text;
        const chatId: string = res.locals.chatId;
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
        });
        if (result === 'refused') return void res.status(503).json({ error: 'the chat is restarting; try again in a moment' });
        this.log.debug({ chat: chatTag('webchat', chatId), result }, 'web chat message');
        res.json({ result, message });
      },
    );
    r.use('/api', api);
    app.use('/chat', r);
  }

  /** The page speaks the contact's language once chosen, else `?lang=`, else the default. */
  private pageLanguage(chatId: string, req: Request): Lang {
    const chosen = this.contacts.find(this.name, chatId)?.language;
    if (chosen) return chosen;
    const q = String(req.query.lang ?? '');
    return (LANGUAGES as readonly string[]).includes(q) ? (q as Lang) : this.opts.config.DEFAULT_LANGUAGE;
  }
}
