/**
 * Sending due reminders. Each reminder row is marked in the same transaction that queues its
 * outbox row, so a restart never loses or repeats one; a reminder whose moment passed more than
 * STALE_AFTER_MS ago (the bot was down) is skipped rather than sent late.
 */
import type { Clock } from '../../core/clock.js';
import type { Text } from '../../core/text.js';
import type { Notifier } from '../../outbox/notifier.js';
import { type ContactStore, languageOf } from '../../store/contacts.js';
import type { DB } from '../../store/db.js';

/** What sending reminders needs from the app. */
export interface ReminderDeps {
  db: DB;
  contacts: ContactStore;
  notifier: Notifier;
  clock: Clock;
}
import { answerOf, getOccurrence } from './store.js';
import { type TimeSettings, titleIn, whenText } from './time.js';
import { sessionWhen, sessionWhere } from './sessionText.js';

/** A reminder this late is no longer useful. */
export const STALE_AFTER_MS = 30 * 60_000;
/** Reminders handled per transaction. */
export const REMINDER_BATCH = 500;

interface DueRow {
  id: number;
  occurrence_id: number;
  contact_id: number;
  due_at: number;
}

export interface ReminderRun {
  sent: number;
  skipped: number;
  dropped: number;
}

/** Sends every due reminder (once), skips stale ones; returns what it did. */
export function sendDueReminders(services: ReminderDeps, settings: TimeSettings): ReminderRun {
  const { db, contacts, notifier } = services;
  const now = services.clock.now();
  const result: ReminderRun = { sent: 0, skipped: 0, dropped: 0 };
  const mark = db.prepare('UPDATE gathering_reminders SET state = ?, done_at = ? WHERE id = ? AND state = ?');
  const batch = () => notifier.transaction((out) => {
    const rows = db
      .prepare("SELECT id, occurrence_id, contact_id, due_at FROM gathering_reminders WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?")
      .all(now, REMINDER_BATCH) as DueRow[];
    for (const r of rows) {
      if (now - r.due_at > STALE_AFTER_MS) {
        mark.run('skipped', now, r.id, 'pending');
        result.skipped++;
        continue;
      }
      const o = getOccurrence(db, r.occurrence_id);
      const contact = contacts.get(r.contact_id);
      if (!o || o.state !== 'scheduled' || !contact || answerOf(db, o.id, contact.id) !== 'yes' || o.startsAt <= now) {
        mark.run('void', now, r.id, 'pending');
        result.dropped++;
        continue;
      }
      const lang = languageOf(contact, settings.DEFAULT_LANGUAGE);
      const when = whenText(o.startsAt, contact, settings) as { key: string; vars: Record<string, string> };
      // A reminder held for the contact's safe time until after the start would only confuse.
      const text: Text =
        o.program !== null
          ? { key: 'sessions.notice.reminder', vars: { title: titleIn(o.title, lang), when: sessionWhen(o, lang, settings), where: sessionWhere(o, true) } }
          : { key: 'gatherings.notice.reminder', vars: { title: titleIn(o.title, lang), when: { t: when.key, vars: when.vars }, link: o.link } };
      out.to(contact, { text, expiresAt: o.startsAt });
      mark.run('sent', now, r.id, 'pending');
      result.sent++;
    }
    return rows.length;
  }, now);
  while (batch() === REMINDER_BATCH) {
    /* keep going until the backlog is done */
  }
  return result;
}
