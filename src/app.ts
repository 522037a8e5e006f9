/**
 * The composition root: database, translations, flows, router, dispatcher, HTTP server, scheduler
 * and channels, with a start/stop lifecycle. Used by `npm start`, `npm run chat` and the tests.
 */
import type { Server } from 'node:http';
import express, { type Express, Router as ExpressRouter } from 'express';
import type { Config } from './config.js';
import { type Clock, systemClock } from './core/clock.js';
import type { ChannelHealth, ChannelName } from './core/types.js';
import type { ChannelAdapter } from './channels/adapter.js';
import type { Feature } from './features/feature.js';
import { type BuiltRegistry, buildRegistry, validateRegistry } from './conversation/registry.js';
import { Router } from './conversation/router.js';
import { FEATURES } from './features/index.js';
import { mountDashboard } from './http/dashboard/dashboard.js';
import { Notifier } from './outbox/notifier.js';
import { OutboxStore } from './outbox/store.js';
import { AuditLog } from './store/audit.js';
import { ContactStore } from './store/contacts.js';
import { SessionStore } from './store/sessions.js';
import { type SessionState, sessionCodec } from './conversation/session.js';
import { healthRoutes } from './http/health.js';
import { Translator } from './i18n.js';
import { type Logger, silentLogger } from './logger.js';
import { Dispatcher } from './outbox/dispatcher.js';
import { type PacingRule, telegramPacing } from './outbox/pacing.js';
import { type DB, openDatabase } from './store/db.js';
import { type Job, Scheduler } from './scheduler/scheduler.js';
import { runRetention } from './scheduler/retention.js';
import { startWalCheckpoints } from './store/checkpoints.js';
import { securePermissions } from './store/filePermissions.js';
import type { Services } from './features/services.js';
import { requireApiToken } from './http/apiAuth.js';
import { officerChats, officerReachSummary } from './domain/officers/reach.js';
import { jsonErrorHandler, jsonNotFound } from './http/errors.js';
import { officerByApiToken } from './domain/officers/permissions.js';
import { dashboardActor } from './domain/officers/actors.js';
import { hasOpenUrgentCase } from './domain/cases/urgency.js';
import { openCaseRefsOf } from './domain/cases/thread.js';

/**
 * How long a graceful stop (SIGTERM/SIGINT) may take before the process exits anyway;
 * TimeoutStopSec in docs/helpline.service is longer, so systemd never has to SIGKILL a working stop.
 */
export const SHUTDOWN_TIMEOUT_MS = 15_000;

export interface AppOptions {
  config: Config;
  clock?: Clock;
  log?: Logger;
  channels?: ChannelAdapter[];
  /** Start the HTTP server (default true). */
  http?: boolean;
  /** Start cron jobs (default true). */
  scheduler?: boolean;
  /** The helpline's features (default: all of src/features); tests may add their own. */
  features?: Feature[];
  /** Pacing per channel; defaults come from config. */
  pacing?: Partial<Record<ChannelName, PacingRule>>;
}

/**
 * The web chat and the terminal are our own server, not a platform with limits: sends there are
 * a row and a push, so they are not paced (a flood of chatter must not queue up behind a pace).
 */
export const OWN_SERVER_PACING: PacingRule = { perSecond: 100_000, perChatGapMs: 0, concurrency: 64 };

/** Pacing limits per channel from config (platform limits in docs/SOURCES.md). */
export function pacingFromConfig(config: Config): Record<ChannelName, PacingRule> {
  return {
    telegram: telegramPacing(config.OUTBOX_TELEGRAM_PER_SECOND),
    'whatsapp-cloud': { perSecond: config.OUTBOX_CLOUD_PER_SECOND, perChatGapMs: 0, concurrency: 16 },
    'whatsapp-web': { perSecond: config.OUTBOX_WHATSAPP_WEB_PER_MINUTE / 60, perChatGapMs: 2000, concurrency: 1 },
    webchat: OWN_SERVER_PACING,
    console: OWN_SERVER_PACING,
  };
}

export class App {
  readonly db: DB;
  readonly translator: Translator;
  readonly built: BuiltRegistry;
  readonly router: Router;
  readonly contacts: ContactStore;
  readonly sessions: SessionStore<SessionState>;
  readonly outbox: OutboxStore;
  readonly audit: AuditLog;
  readonly notifier: Notifier;
  readonly dispatcher: Dispatcher;
  readonly http: Express;
  readonly clock: Clock;
  readonly log: Logger;
  readonly channels = new Map<ChannelName, ChannelAdapter>();
  private server?: Server;
  private scheduler?: Scheduler;
  private stopCheckpoints?: () => void;
  private readonly startedAt = Date.now();
  private stopping?: Promise<void>;
  private readonly afterStart: Promise<unknown>[] = [];
  private dashboard?: { close(): void };
  readonly services: Services;
  readonly features: Feature[];

  constructor(private readonly opts: AppOptions) {
    const { config } = opts;
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? silentLogger;
    this.translator = Translator.create({ region: config.REGION_NAME });
    this.features = opts.features ?? FEATURES;
    this.built = buildRegistry(this.features);
    validateRegistry(this.built.registry, this.translator);
    this.db = openDatabase(config.DB_PATH, config.DB_BUSY_TIMEOUT_MS);
    const fixed = securePermissions(config.DATA_DIR);
    if (fixed.length) this.log.warn({ paths: fixed.length, first: fixed[0] }, 'data folder was readable by other users: permissions corrected to 0700/0600');
    this.contacts = new ContactStore(this.db);
    this.sessions = new SessionStore(this.db, sessionCodec);
    this.outbox = new OutboxStore(this.db);
    this.audit = new AuditLog(this.db);
    this.notifier = new Notifier({
      db: this.db,
      outbox: this.outbox,
      contacts: this.contacts,
      translator: this.translator,
      defaultLang: config.DEFAULT_LANGUAGE,
      clock: this.clock,
      homeZone: config.HOME_TIMEZONE,
      wake: (ch) => this.dispatcher.kick(ch),
    });
    this.router = new Router({
      hasOpenUrgentCase: (contactId) => hasOpenUrgentCase(this.db, contactId),
      openCasesOf: (contactId) => openCaseRefsOf(this.db, contactId),
      db: this.db,
      config,
      built: this.built,
      translator: this.translator,
      clock: this.clock,
      log: this.log,
      contacts: this.contacts,
      sessions: this.sessions,
      audit: this.audit,
      notifier: this.notifier,
      // The outbox cannot be written while the database refuses writes: this notice goes out directly.
      onUnavailable: (msg, notice) => {
        void this.channels
          .get(msg.channel)
          ?.send(msg.chatId, notice)
          .catch((err) => this.log.warn({ channel: msg.channel, error: err instanceof Error ? err.message : String(err) }, 'could not deliver the "cannot take your message now" notice'));
      },
    });
    this.dispatcher = new Dispatcher(this.outbox, this.clock, this.log, {
      onBlocked: (channel, chatId) => this.contacts.markUnreachable(channel, chatId, this.clock.now()),
    });
    const pacing = { ...pacingFromConfig(config), ...opts.pacing };
    for (const ch of opts.channels ?? []) {
      this.channels.set(ch.name, ch);
      this.dispatcher.add(ch, pacing[ch.name]);
    }
    this.services = {
      db: this.db,
      config,
      clock: this.clock,
      log: this.log,
      translator: this.translator,
      notifier: this.notifier,
      contacts: this.contacts,
      audit: this.audit,
      outbox: this.outbox,
      channels: this.channels,
    };
    for (const f of this.features) f.init?.(this.services);
    this.http = express();
    this.http.disable('x-powered-by');
    // Behind nginx every request comes from the proxy: without this, rate limits would lump all
    // officers and visitors together under the proxy's address.
    const trust = config.TRUST_PROXY;
    this.http.set('trust proxy', trust === 'false' ? false : /^\d+$/.test(trust) ? Number(trust) : trust);
    this.http.use(
      healthRoutes({
        db: this.db,
        outbox: this.outbox,
        startedAt: this.startedAt,
        channels: () => this.channelHealth(),
        officers: () => officerReachSummary(officerChats(this.db, config, this.channels.keys(), this.clock.now())),
      }),
    );
    for (const ch of this.channels.values()) ch.attach?.(this.services);
    for (const ch of this.channels.values()) ch.mount?.(this.http);
    const api = ExpressRouter();
    api.use(
      requireApiToken(config.ADMIN_API_TOKEN, this.audit, this.clock, (presented) => {
        const o = officerByApiToken(this.db, presented);
        return o && { actor: dashboardActor(o.id), role: o.role };
      }),
    );
    api.use(express.json({ limit: '1mb' }));
    for (const f of this.features) {
      f.http?.(this.http, this.services);
      f.api?.(api, this.services);
    }
    this.http.use('/api', api);
    this.dashboard = mountDashboard(this.http, this.services, this.features.flatMap((f) => f.pages ?? []));
  }

  get config(): Config {
    return this.opts.config;
  }

  channelHealth(): Partial<Record<ChannelName, ChannelHealth>> {
    const out: Partial<Record<ChannelName, ChannelHealth>> = {};
    for (const [name, ch] of this.channels) out[name] = ch.health();
    return out;
  }

  /** Scheduled jobs of the foundation; features add theirs here. */
  jobs(): Job[] {
    return [
      {
        name: 'retention',
        schedule: '17 3 * * *',
        run: () => {
          const r = runRetention(this.db, this.clock.now(), this.opts.config.DATA_DIR);
          this.log.info(r, 'retention done');
        },
      },
      ...this.features.flatMap((f) => f.jobs?.(this.services) ?? []),
    ];
  }

  async start(): Promise<void> {
    // Last, once every route is in place (tests add their own after construction): one JSON
    // answer for unknown routes and for every error of every route.
    this.http.use(jsonNotFound());
    this.http.use(jsonErrorHandler(this.log));
    const { config } = this.opts;
    if (this.opts.http !== false) {
      await new Promise<void>((resolve, reject) => {
        this.server = this.http.listen(config.HTTP_PORT, config.HTTP_HOST, () => resolve());
        this.server.once('error', reject);
      });
    }
    this.stopCheckpoints = startWalCheckpoints(this.db);
    if (config.OUTBOX_DISPATCH === 'on') this.dispatcher.start();
    else this.log.warn('OUTBOX_DISPATCH=off: replies are queued but not sent');
    const intake = (msg: Parameters<Router['handle']>[0]) => this.router.handle(msg);
    // A channel that fails to start must not take the others down (WhatsApp may be unreachable).
    await Promise.all(
      [...this.channels.values()].map((ch) =>
        ch.start(intake).catch((err) => this.log.error({ err, channel: ch.name }, 'channel failed to start')),
      ),
    );
    if (this.opts.scheduler !== false) {
      this.scheduler = new Scheduler(config.HOME_TIMEZONE, this.log);
      this.scheduler.start(this.jobs());
    }
    for (const f of this.features) {
      if (!f.started) continue;
      this.afterStart.push(
        Promise.resolve()
          .then(() => f.started?.(this.services))
          .catch((err) => this.log.error({ err, feature: f.name }, 'feature start-up task failed')),
      );
    }
  }

  /** Resolves when the features' start-up tasks (e.g. officer chat probes) are done; for tests. */
  async startedTasks(): Promise<void> {
    await Promise.all(this.afterStart);
  }

  /** The port the HTTP server listens on (useful with HTTP_PORT=0 in tests). */
  get port(): number {
    const addr = this.server?.address();
    return typeof addr === 'object' && addr ? addr.port : 0;
  }

  /** Waits until no deliverable message is pending for the running channels (or the timeout). */
  async drain(timeoutMs = 5000): Promise<boolean> {
    const names = [...this.channels.keys()];
    if (!names.length || this.opts.config.OUTBOX_DISPATCH === 'off') return true;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.outbox.dueCount(names, this.clock.now()) === 0) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  /** Graceful stop: no new intake, finish sends in flight, close the database. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.router.close();
      await Promise.all(this.afterStart);
      await Promise.all([...this.channels.values()].map((ch) => ch.stop().catch(() => undefined)));
      await this.scheduler?.stop();
      await this.dispatcher.stop();
      this.dashboard?.close();
      if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
      this.stopCheckpoints?.();
      this.db.close();
    })();
    return this.stopping;
  }
}
