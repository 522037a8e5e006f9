/** GET /api/health: database state, channel states, reachable officer chats and the outbox backlog. No auth, no personal data. */
import { Router as ExpressRouter } from 'express';
import type { ChannelHealth, ChannelName } from '../core/types.js';
import type { OutboxStore } from '../outbox/store.js';
import type { DB } from '../store/db.js';

export interface HealthSources {
  db: DB;
  outbox: OutboxStore;
  channels: () => Partial<Record<ChannelName, ChannelHealth>>;
  startedAt: number;
  /** Officer chats known and how many can receive an alert now. */
  officers?: () => { configured: number; reachable: number };
}

export function healthRoutes(src: HealthSources): ExpressRouter {
  const r = ExpressRouter();
  r.get('/api/health', (_req, res) => {
    let database: { state: 'ok' | 'error'; detail?: string } = { state: 'ok' };
    let outbox: Record<string, number> | undefined;
    try {
      src.db.prepare('SELECT 1').get();
      outbox = src.outbox.counts();
    } catch (err) {
      database = { state: 'error', detail: err instanceof Error ? err.message : String(err) };
    }
    const channels = src.channels();
    let officers: { configured: number; reachable: number } | undefined;
    try {
      officers = src.officers?.();
    } catch {
      // The database error is reported above.
    }
    // Officer chats exist but none can receive an alert: urgent cases reach nobody.
    const nobodyReachable = officers !== undefined && officers.configured > 0 && officers.reachable === 0;
    const degraded = nobodyReachable || Object.values(channels).some((c) => c && c.state !== 'up' && c.state !== 'off');
    const status = database.state !== 'ok' ? 'error' : degraded ? 'degraded' : 'ok';
    res.status(database.state === 'ok' ? 200 : 503).json({
      status,
      database,
      channels,
      officers,
      outbox,
      uptimeSeconds: Math.round((Date.now() - src.startedAt) / 1000),
    });
  });
  return r;
}
