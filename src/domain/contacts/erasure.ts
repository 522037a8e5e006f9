/**
 * "Delete my data" (UU 27/2022): what the helpline holds about one contact, erased in the caller's
 * transaction. Cases keep only anonymous statistics; delivered messages, gathering answers and the
 * web chat's visible conversation go. Each table's owner does its part.
 */
import { ContactStore, type Contact } from '../../store/contacts.js';
import type { DB } from '../../store/db.js';
import { WebchatStore } from '../../store/webchatMessages.js';
import { OutboxStore } from '../../outbox/store.js';
import { eraseContactCases } from '../cases/erasure.js';
import { eraseContactGatherings } from '../gatherings/erasure.js';
import { anonymizeReviewsOf } from '../agencies/reviews.js';

/** Erases the contact's personal data; returns how many cases were anonymised and files removed. */
export function eraseContactData(db: DB, contact: Contact, dataDir: string, now: number): { cases: number; files: number } {
  // The chat id and chosen language stay only so the conversation can go on in the user's language.
  new ContactStore(db).erasePersonalFields(contact.id);
  // Cases (assistance requests too) keep only category, country, month and outcome; their files go.
  const erased = eraseContactCases(db, contact.id, dataDir, now);
  // Delivered messages to this contact held rendered text (summaries, officer replies).
  new OutboxStore(db).forgetFinished(contact.id);
  eraseContactGatherings(db, contact.id);
  // Agency reviews stay as anonymous yes/no answers; who wrote them and the comment go.
  anonymizeReviewsOf(db, contact.id);
  // The web chat keeps the visible conversation; it goes too (the confirmation comes after).
  if (contact.channel === 'webchat') new WebchatStore(db).eraseChat(contact.chatId);
  return erased;
}
