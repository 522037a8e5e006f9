/**
 * Officer API for broadcasts (under /api, bearer token): list, preview, create, follow, cancel.
 * A `scheduledAt` without an offset is read in HOME_TIMEZONE; media must be a file in DATA_DIR/media.
 */
import express from 'express';
import { apiCaller, refuseRole } from '../kit/apiCaller.js';
import { broadcastNeedsAdmin } from '../../domain/officers/permissions.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response, Router as ExpressRouter } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { OutboundMedia } from '../../core/types.js';
import { AudienceUnavailableError, audienceSchema } from '../../domain/broadcasts/audience.js';
import { countRecipients } from '../../domain/broadcasts/enqueue.js';
import { MAX_BROADCAST_CHARS, missingLanguages } from '../../domain/broadcasts/payload.js';
import { MAX_SCHEDULE_AHEAD_MS } from '../../domain/broadcasts/sendTime.js';
import { displayCode } from '../../domain/broadcasts/verifyCode.js';
import { type Broadcast, cancelBroadcast, createBroadcast, getBroadcast, listBroadcasts, progress, refreshState } from '../../domain/broadcasts/store.js';
import type { Services } from '../services.js';

const text = z.string().trim().max(MAX_BROADCAST_CHARS);
const bodySchema = z.object({
  audience: audienceSchema,
  texts: z.object({ id: text.min(1), en: text.nullish(), jv: text.nullish() }),
  urgent: z.boolean().default(false),
  scheduledAt: z.string().nullish(),
  media: z
    .object({ path: z.string().min(1), mime: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/), fileName: z.string().max(200).optional() })
    .nullish(),
});
type Body = z.infer<typeof bodySchema>;

class BadRequest extends Error {}

/** The folder broadcast media are uploaded to and sent from (never case evidence in DATA_DIR/media). */
export function broadcastMediaDir(dataDir: string): string {
  return path.resolve(dataDir, 'broadcast-media');
}
/** Largest broadcast media file (WhatsApp's and Telegram's limits are around this size). */
export const MAX_BROADCAST_MEDIA_BYTES = 16 * 1024 * 1024;
const MEDIA_NAME = /^[A-Za-z0-9._-]{1,80}$/;

/** Reads and checks a request body; throws BadRequest with a message saying what to fix. */
function parseBody(services: Services, raw: unknown): { body: Body; at: number | null; media: OutboundMedia | null } {
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) throw new BadRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  const body = parsed.data;
  const now = services.clock.now();
  let at: number | null = null;
  if (body.scheduledAt) {
    const dt = DateTime.fromISO(body.scheduledAt, { zone: services.config.HOME_TIMEZONE });
    if (!dt.isValid) throw new BadRequest(`scheduledAt: expected an ISO date-time such as 2026-12-01T19:00 (${services.config.HOME_TIMEZONE} unless an offset is given)`);
    at = dt.toMillis();
    if (at <= now) throw new BadRequest('scheduledAt is in the past; leave it out to send now');
    if (at - now > MAX_SCHEDULE_AHEAD_MS) throw new BadRequest('scheduledAt is more than 90 days ahead');
  }
  let media: OutboundMedia | null = null;
  if (body.media) {
    // Only files uploaded for broadcasting (POST /api/broadcasts/media), never case evidence:
    // the real path (symbolic links followed) must lie inside the broadcast media folder.
    const dir = broadcastMediaDir(services.config.DATA_DIR);
    const file = path.resolve(dir, body.media.path);
    const real = fs.existsSync(file) ? fs.realpathSync(file) : '';
    const realDir = fs.existsSync(dir) ? fs.realpathSync(dir) : dir;
    if (!real.startsWith(realDir + path.sep) || !fs.statSync(real, { throwIfNoEntry: false })?.isFile()) {
      throw new BadRequest(`media.path: no such file in the broadcast media folder (upload it first with POST /api/broadcasts/media)`);
    }
    media = { path: real, mime: body.media.mime, ...(body.media.fileName ? { fileName: body.media.fileName } : {}) };
  }
  return { body, at, media };
}

function view(services: Services, b: Broadcast) {
  return {
    id: b.id,
    state: b.state,
    audience: b.audience,
    texts: b.texts,
    urgent: b.urgent,
    media: b.media ? { mime: b.media.mime, fileName: b.media.fileName ?? path.basename(b.media.path) } : null,
    scheduledAt: b.scheduledAt === null ? null : new Date(b.scheduledAt).toISOString(),
    createdBy: b.createdBy,
    createdAt: new Date(b.createdAt).toISOString(),
    finishedAt: b.finishedAt === null ? null : new Date(b.finishedAt).toISOString(),
    recipients: b.recipients,
    verifyCode: b.verifyCode ? displayCode(b.verifyCode) : null,
    progress: progress(services.db, b.id),
    warnings: missingLanguages(b.texts).map((l) => `no ${l} text: ${l} subscribers get the Indonesian text`),
  };
}

function fail(res: Response, err: unknown): void {
  if (err instanceof BadRequest) res.status(400).json({ error: err.message });
  else if (err instanceof AudienceUnavailableError) res.status(422).json({ error: err.message });
  else throw err;
}

function idParam(req: Request): number | null {
  const id = String(req.params.id ?? '');
  return /^\d{1,9}$/.test(id) ? Number(id) : null;
}

/** Mounts the /api/broadcasts routes. */
export function broadcastApi(api: ExpressRouter, services: Services): void {
  const deps = () => ({ db: services.db, translator: services.translator, defaultLang: services.config.DEFAULT_LANGUAGE, dataDir: services.config.DATA_DIR });

  api.get('/broadcasts', (_req, res) => {
    const now = services.clock.now();
    const list = listBroadcasts(services.db).map((b) => {
      if (b.state === 'queued' || b.state === 'sending') b.state = refreshState(services.db, b.id, now) ?? b.state;
      return view(services, b);
    });
    res.json({ broadcasts: list });
  });

  api.get('/broadcasts/:id', (req, res) => {
    const id = idParam(req);
    if (id !== null) refreshState(services.db, id, services.clock.now());
    const b = id === null ? undefined : getBroadcast(services.db, id);
    if (!b) {
      res.status(404).json({ error: 'no such broadcast' });
      return;
    }
    res.json(view(services, b));
  });

  // Broadcast media are uploaded for that purpose, into their own folder.
  api.post('/broadcasts/media', express.raw({ type: () => true, limit: MAX_BROADCAST_MEDIA_BYTES }), (req, res) => {
    const name = typeof req.query.name === 'string' ? req.query.name : '';
    if (!MEDIA_NAME.test(name) || name.startsWith('.')) return void res.status(400).json({ error: 'name: expected ?name=poster.jpg (letters, digits, . _ -, up to 80 characters)' });
    if (!Buffer.isBuffer(req.body) || !req.body.length) return void res.status(400).json({ error: 'send the file as the request body' });
    const dir = broadcastMediaDir(services.config.DATA_DIR);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, name), req.body, { mode: 0o600 });
    services.audit.record(services.clock.now(), apiCaller(res).actor, 'broadcast_media_uploaded', name, `${req.body.length} bytes`);
    res.status(201).json({ path: name, size: req.body.length });
  });

  api.post('/broadcasts/preview', (req, res) => {
    try {
      const { body, at } = parseBody(services, req.body);
      const count = countRecipients(services.db, body.audience, services.config.DEFAULT_LANGUAGE, services.clock.now());
      res.json({
        ...count,
        scheduledAt: at === null ? null : new Date(at).toISOString(),
        warnings: missingLanguages(body.texts).map((l) => `no ${l} text: ${l} subscribers get the Indonesian text`),
      });
    } catch (err) {
      fail(res, err);
    }
  });

  api.post('/broadcasts', (req, res) => {
    try {
      const { body, at, media } = parseBody(services, req.body);
      const now = services.clock.now();
      const caller = apiCaller(res);
      if (caller.role !== 'admin') {
        const { recipients } = countRecipients(services.db, body.audience, services.config.DEFAULT_LANGUAGE, now);
        if (broadcastNeedsAdmin(body.audience.kind, recipients, services.config.BROADCAST_OFFICER_MAX_RECIPIENTS)) return refuseRole(res, services, 'broadcast.large', 'POST /api/broadcasts');
      }
      const { broadcast } = services.notifier.transaction(
        (out) =>
          createBroadcast(
            deps(),
            out,
            { audience: body.audience, texts: { id: body.texts.id, en: body.texts.en ?? null, jv: body.texts.jv ?? null }, urgent: body.urgent, media, scheduledAt: at, createdBy: caller.actor },
            now,
          ),
        now,
      );
      services.audit.record(now, caller.actor, 'broadcast_created', `broadcast:${broadcast.id}`, JSON.stringify({ audience: body.audience, urgent: body.urgent, scheduledAt: at }));
      res.status(201).json(view(services, broadcast));
    } catch (err) {
      fail(res, err);
    }
  });

  api.post('/broadcasts/:id/cancel', (req, res) => {
    const id = idParam(req);
    const now = services.clock.now();
    if (id === null || !getBroadcast(services.db, id)) {
      res.status(404).json({ error: 'no such broadcast' });
      return;
    }
    if (!cancelBroadcast(services.db, id, now)) {
      res.status(409).json({ error: 'the broadcast is already done or cancelled', broadcast: view(services, getBroadcast(services.db, id) as Broadcast) });
      return;
    }
    services.audit.record(now, apiCaller(res).actor, 'broadcast_cancelled', `broadcast:${id}`);
    res.json(view(services, getBroadcast(services.db, id) as Broadcast));
  });
}
