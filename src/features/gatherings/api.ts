/** Officer API for gatherings (DESIGN §5): GET|POST /api/gatherings, DELETE /api/gatherings/:id (+ one occurrence). */
import { apiCaller } from '../kit/apiCaller.js';
import type { Router as ExpressRouter } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { countryByCode } from '../../domain/reference.js';
import { RECURRENCES, parseLocal } from '../../domain/gatherings/recurrence.js';
import { gatheringSettings } from '../../domain/gatherings/settings.js';
import { cancelOccurrence, cancelSeries, moveOccurrence } from '../../domain/gatherings/notices.js';
import { AUDIENCES, type Occurrence, createGathering, gatheringExists, getOccurrence, listSeries, occurrencesOf } from '../../domain/gatherings/store.js';
import type { Services } from '../services.js';
import { MAX_CAPACITY, MAX_DURATION_MIN, MAX_TITLE_CHARS, MIN_DURATION_MIN, validLink } from './gatheringsAdmin.js';

/** Occurrences listed in the answer to creating a gathering. */
const CREATED_OCCURRENCES_SHOWN = 12;

const title = z.string().trim().min(1).max(MAX_TITLE_CHARS);
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/, 'local time YYYY-MM-DDTHH:mm in HOME_TIMEZONE');

const createBody = z.object({
  title: z.union([title.transform((id) => ({ id })), z.object({ id: title, en: title.optional(), jv: title.optional() })]),
  start: localTime,
  durationMinutes: z.number().int().min(MIN_DURATION_MIN).max(MAX_DURATION_MIN),
  link: z.string().refine(validLink, 'an http(s) meeting link'),
  audience: z.enum(AUDIENCES).default('everyone'),
  country: z
    .string()
    .refine((c) => countryByCode(c) !== undefined, 'a destination country code from data/countries.json')
    .transform((c) => c.toUpperCase())
    .nullish(),
  capacity: z.number().int().min(1).max(MAX_CAPACITY).nullish(),
  recurrence: z.enum(RECURRENCES).default('once'),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').nullish(),
});

const moveBody = z.object({ start: localTime });

/** Runs domain writes and the notices they cause in one transaction, then wakes delivery. */
function occurrenceJson(o: Occurrence, homeTz: string) {
  return {
    id: o.id,
    startsAt: new Date(o.startsAt).toISOString(),
    startsAtHome: DateTime.fromMillis(o.startsAt, { zone: homeTz }).toFormat("yyyy-LL-dd'T'HH:mm"),
    durationMinutes: o.durationMin,
    state: o.state,
  };
}

function badRequest(issues: z.core.$ZodIssue[]) {
  return { error: 'invalid request', issues: issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) };
}

/** Mounts the gathering routes on the (already authenticated) /api router. */
export function gatheringsApi(api: ExpressRouter, services: Services): void {
  const { config, db } = services;

  api.get('/gatherings', (_req, res) => {
    const now = services.clock.now();
    const list = listSeries(db, now).map((g) => ({
      ...g,
      next: g.next.map((o) => ({ ...occurrenceJson(o, config.HOME_TIMEZONE), answers: o.counts })),
    }));
    res.json({ gatherings: list });
  });

  api.post('/gatherings', (req, res) => {
    const parsed = createBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json(badRequest(parsed.error.issues));
      return;
    }
    const b = parsed.data;
    const now = services.clock.now();
    const start = parseLocal(b.start, config.HOME_TIMEZONE);
    if (!start || start.toMillis() <= now) {
      res.status(400).json({ error: 'invalid request', issues: [`start: must be a future local time in ${config.HOME_TIMEZONE}`] });
      return;
    }
    const id = db.transaction(() => {
      const gid = createGathering(
        db,
        {
          title: b.title,
          startLocal: b.start,
          timezone: config.HOME_TIMEZONE,
          durationMin: b.durationMinutes,
          link: b.link,
          audience: b.audience,
          country: b.country ?? null,
          capacity: b.capacity ?? null,
          recurrence: b.recurrence,
          untilLocal: b.until ?? null,
          createdBy: apiCaller(res).actor,
        },
        now,
      );
      services.audit.record(now, apiCaller(res).actor, 'gathering_created', `gathering:${gid}`);
      return gid;
    })();
    res.status(201).json({ id, occurrences: occurrencesOf(db, id, CREATED_OCCURRENCES_SHOWN).map((o) => occurrenceJson(o, config.HOME_TIMEZONE)) });
  });

  api.delete('/gatherings/:id', (req, res) => {
    const id = Number(req.params.id);
    const now = services.clock.now();
    if (!Number.isInteger(id) || !gatheringExists(db, id)) {
      res.status(404).json({ error: `no active gathering ${req.params.id}` });
      return;
    }
    const told = services.notifier.transaction(({ toContact: notify }) => {
      const n = cancelSeries(db, id, now, notify, gatheringSettings(config));
      services.audit.record(now, apiCaller(res).actor, 'gathering_series_cancelled', `gathering:${id}`, `told=${n}`);
      return n;
    }, now);
    res.json({ id, cancelled: true, told });
  });

  api.delete('/gatherings/:id/occurrences/:occ', (req, res) => {
    const o = getOccurrence(db, Number(req.params.occ));
    const now = services.clock.now();
    if (!o || o.gatheringId !== Number(req.params.id)) {
      res.status(404).json({ error: 'no such occurrence' });
      return;
    }
    const told = services.notifier.transaction(({ toContact: notify }) => cancelOccurrence(db, o.id, now, notify, gatheringSettings(config)), now);
    if (told < 0) {
      res.status(409).json({ error: 'the occurrence is already cancelled or over' });
      return;
    }
    services.audit.record(now, apiCaller(res).actor, 'gathering_occurrence_cancelled', `occurrence:${o.id}`, `told=${told}`);
    res.json({ id: o.id, cancelled: true, told });
  });

  api.patch('/gatherings/:id/occurrences/:occ', (req, res) => {
    const o = getOccurrence(db, Number(req.params.occ));
    const parsed = moveBody.safeParse(req.body ?? {});
    const now = services.clock.now();
    if (!o || o.gatheringId !== Number(req.params.id)) {
      res.status(404).json({ error: 'no such occurrence' });
      return;
    }
    const start = parsed.success ? parseLocal(parsed.data.start, config.HOME_TIMEZONE) : null;
    if (!start || start.toMillis() <= now) {
      res.status(400).json({ error: 'invalid request', issues: [`start: a future local time YYYY-MM-DDTHH:mm in ${config.HOME_TIMEZONE}`] });
      return;
    }
    const told = services.notifier.transaction(({ toContact: notify }) => moveOccurrence(db, o.id, start.toMillis(), now, notify, gatheringSettings(config)), now);
    if (told < 0) {
      res.status(409).json({ error: 'the occurrence is already cancelled or over' });
      return;
    }
    services.audit.record(now, apiCaller(res).actor, 'gathering_occurrence_moved', `occurrence:${o.id}`, `told=${told}`);
    res.json({ ...occurrenceJson(getOccurrence(db, o.id)!, config.HOME_TIMEZONE), told });
  });
}
