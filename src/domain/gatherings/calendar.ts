/** Calendar files (.ics) for one occurrence, written under DATA_DIR and sent as a document. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createEvent } from 'ics';
import type { Lang, OutboundMedia } from '../../core/types.js';
import type { Occurrence } from './store.js';
import { titleIn } from './time.js';

/** Folder under DATA_DIR for generated calendar files. */
export const CALENDAR_DIR = 'calendars';
/** Generated files are deleted after this long (the chat platform keeps its own copy). */
export const CALENDAR_FILE_TTL_MS = 7 * 86400_000;

/**
 * Writes an .ics for the occurrence and returns it as outbound media. The meeting link is put in
 * only when `withLink` (the person said yes); a session's place is its location; the file name is
 * random so it cannot be guessed.
 */
export function writeCalendarFile(dataDir: string, o: Occurrence, lang: Lang, withLink: boolean, region: string): OutboundMedia {
  const { error, value } = createEvent({
    uid: `gathering-${o.id}@${region.toLowerCase().replace(/[^a-z0-9]/g, '')}.helpline`,
    productId: 'pmi-helpline',
    title: titleIn(o.title, lang),
    start: o.startsAt,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: o.durationMin },
    ...(withLink && o.link ? { url: o.link, location: o.link, description: o.link } : {}),
    // A programme session held somewhere: the place is the location, whoever asks.
    ...(o.place ? { location: o.place } : {}),
    status: 'CONFIRMED',
  });
  if (error || !value) throw new Error(`could not build the calendar file: ${error?.message ?? 'empty'}`);
  const dir = path.join(dataDir, CALENDAR_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `gathering-${o.id}-${randomBytes(12).toString('hex')}.ics`);
  fs.writeFileSync(file, value, { mode: 0o600 });
  return { path: file, mime: 'text/calendar', fileName: `gathering-${o.id}.ics` };
}

/** Deletes generated calendar files older than the TTL; returns how many. */
export function pruneCalendarFiles(dataDir: string, now: number): number {
  const dir = path.join(dataDir, CALENDAR_DIR);
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const f of fs.readdirSync(dir)) {
    const p = path.join(dir, f);
    if (now - fs.statSync(p).mtimeMs > CALENDAR_FILE_TTL_MS) {
      fs.rmSync(p, { force: true });
      n++;
    }
  }
  return n;
}
