/**
 * GET /dashboard/events: one server-sent-event stream per open dashboard tab. A single poller
 * reads the committed feed (src/domain/cases/feed.ts) every POLL_MS while at least one tab
 * listens and fans each item out, translated for each officer. Polling committed rows (rather
 * than hooking every writer) sees chat turns, the API, jobs and other processes alike, and never
 * announces a write that was rolled back.
 */
import type { Request, Response } from 'express';
import type { Services } from '../../features/services.js';
import type { Officer } from '../../domain/officers/accounts.js';
import { type FeedCursor, type FeedItem, feedCursor, feedSince, sosAlert } from '../../domain/cases/feed.js';
import { countryLabel } from '../../domain/cases/alerts.js';
import type { DashboardSessionStore } from '../../store/dashboardSessions.js';
import type { Lang } from '../../core/types.js';
import { officerRoster } from '../../domain/officers/workspace.js';

/**
 * How often the feed is read while someone listens: two primary-key range queries (a few
 * microseconds when nothing happened), so a short interval costs almost nothing and keeps
 * commit-to-screen well under the 100 ms target even on a busy machine.
 */
export const POLL_MS = 25;
/** A comment line this often keeps proxies from closing the stream and finds ended sessions. */
export const HEARTBEAT_MS = 15_000;
/** Open streams one officer may hold (tabs); the oldest is closed beyond this. */
export const MAX_STREAMS_PER_OFFICER = 8;
/** The browser waits this long before reconnecting a dropped stream. */
const RETRY_MS = 3000;

/** What a tab receives (JSON in the `data:` line, the type as the SSE event name). */
export interface LiveEvent {
  type: 'case' | 'message' | 'update' | 'sos' | 'seen' | 'delivery';
  /** A case reference, or `sos:<id>` for an emergency alert. */
  key: string;
  ref?: string;
  /** Rings until someone opens it. */
  ring?: boolean;
  /** Done by this officer (no toast). */
  self?: boolean;
  text?: string;
}

interface Stream {
  officer: Officer;
  lang: Lang;
  token: string;
  res: Response;
  heartbeat: NodeJS.Timeout;
  /** Alerts waiting to ring for an officer who is away. */
  delayed: Set<NodeJS.Timeout>;
}

/** Alerts remembered as opened/acknowledged (for delayed rings); older ones are forgotten. */
const SEEN_KEEP_MS = 24 * 3600_000;

const send = (s: Stream, ev: LiveEvent) => s.res.write(`event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`);

export class LiveEvents {
  private readonly streams = new Set<Stream>();
  private cursor: FeedCursor | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Alert key → when an officer opened or acknowledged it. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly services: Services,
    private readonly sessions: DashboardSessionStore,
    private readonly langOf: (o: Officer) => Lang,
  ) {}

  /** Opens a stream for a signed-in officer (the caller checked the session). */
  open(req: Request, res: Response, officer: Officer, token: string): void {
    const mine = [...this.streams].filter((s) => s.officer.id === officer.id);
    if (mine.length >= MAX_STREAMS_PER_OFFICER) this.end(mine[0]);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(`retry: ${RETRY_MS}\n: hello\n\n`);
    const s: Stream = {
      officer,
      lang: this.langOf(officer),
      token,
      res,
      delayed: new Set(),
      heartbeat: setInterval(() => {
        if (!this.sessions.alive(token, this.services.clock.now())) return this.end(s);
        res.write(': ping\n\n');
      }, HEARTBEAT_MS),
    };
    s.heartbeat.unref();
    this.cursor ??= feedCursor(this.services.db);
    this.streams.add(s);
    req.on('close', () => this.end(s));
    if (!this.timer) {
      this.timer = setInterval(() => this.poll(), POLL_MS);
      this.timer.unref();
    }
  }

  /** Ends the streams of a session (sign-out). */
  endSession(token: string): void {
    for (const s of this.streams) if (s.token === token) this.end(s);
  }

  /** Ends every stream (shutdown). */
  close(): void {
    for (const s of this.streams) this.end(s);
  }

  /** Streams open now. */
  get size(): number {
    return this.streams.size;
  }

  private end(s: Stream): void {
    if (!this.streams.delete(s)) return;
    clearInterval(s.heartbeat);
    for (const d of s.delayed) clearTimeout(d);
    s.res.end();
    if (!this.streams.size && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.cursor = undefined;
    }
  }

  /** Reads what was committed since the last poll and sends it to every stream. */
  poll(): void {
    if (!this.cursor) return;
    let items: FeedItem[];
    try {
      const r = feedSince(this.services.db, this.cursor);
      items = r.items;
      this.cursor = r.next;
    } catch (err) {
      this.services.log.warn({ err }, 'live feed read failed');
      return;
    }
    const now = this.services.clock.now();
    // Officers marked away hear an alert only if it is still unopened after the delay, unless nobody is on duty.
    const away = items.length ? new Set(officerRoster(this.services.db).filter((o) => o.away).map((o) => o.id)) : new Set<number>();
    const someoneOnDuty = [...this.streams].some((s) => !away.has(s.officer.id));
    const delayMs = this.services.config.ALERT_AWAY_DELAY_SECONDS * 1000;
    for (const item of items) {
      for (const s of this.streams) {
        const ev = this.describe(item, s);
        if (!ev) continue;
        if (ev.type === 'seen') this.seen.set(ev.key, now);
        if (ev.ring && someoneOnDuty && away.has(s.officer.id)) {
          send(s, { ...ev, ring: false });
          const d = setTimeout(() => {
            s.delayed.delete(d);
            if (!this.seen.has(ev.key) && this.streams.has(s)) send(s, ev);
          }, delayMs);
          d.unref();
          s.delayed.add(d);
        } else send(s, ev);
      }
    }
    for (const [key, at] of this.seen) if (at < now - SEEN_KEEP_MS) this.seen.delete(key);
  }

  private describe(item: FeedItem, s: Stream): LiveEvent | undefined {
    // A thread message's delivery changed (sent, delivered, failed …): only that case's page redraws.
    if (item.source === 'delivery') return { type: 'delivery', key: item.ref, ref: item.ref, self: true };
    const t = (key: string, vars?: Record<string, string | number>) => this.services.translator.t(s.lang, key, vars);
    const self = item.actor === `dashboard:${s.officer.id}` || item.actor === `officer:${s.officer.id}`;
    if (item.source === 'case') {
      const ref = item.ref;
      switch (item.kind) {
        case 'created':
          return { type: 'case', key: ref, ref, ring: item.urgent, text: t(item.urgent ? 'workspace.live.newUrgent' : 'workspace.live.newCase', { ref }) };
        case 'urgent':
          return { type: 'case', key: ref, ref, ring: true, text: t('workspace.live.newUrgent', { ref }) };
        case 'message_in':
        case 'attachment':
          return { type: 'message', key: ref, ref, text: t('workspace.live.message', { ref }) };
        case 'status':
        case 'assigned':
        case 'escalated':
        case 'message_out':
        case 'note':
        case 'team':
          return { type: 'update', key: ref, ref, self, text: t('workspace.live.update', { ref }) };
        default:
          return undefined;
      }
    }
    if (item.action === 'emergency_alert') {
      const a = sosAlert(this.services.db, item.id);
      const place = a?.country ? countryLabel(a.country, null, s.lang) : '–';
      const text = t('workspace.live.sos', { channel: a?.channel ?? '–', country: place });
      return { type: 'sos', key: a?.key ?? `sos:${item.id}`, ref: a?.ref ?? undefined, ring: true, text: a?.ref ? `${text} · ${a.ref}` : text };
    }
    if (item.subject) return { type: 'seen', key: item.subject, self };
    return undefined;
  }
}
