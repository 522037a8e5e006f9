/**
 * Configured officer chats are known from start-up: registered as officer contacts when the app is
 * built, and probed (without a visible message) once the channels run, so `/api/health` and the
 * dashboard can say which of them cannot receive alerts and the bot never promises an alert that
 * cannot arrive.
 */
import { chatsToProbe, recordProbe, registerConfiguredOfficers } from '../../domain/officers/reach.js';
import { chatTag } from '../../logger.js';
import type { Services } from '../services.js';

/** Registers every configured officer chat as an officer contact (the app's init). */
export function registerOfficerChats(services: Services): void {
  const { db, contacts, config, clock, channels } = services;
  db.transaction(() => registerConfiguredOfficers(contacts, config, channels.keys(), clock.now()))();
}

/** Probes the officer chats nobody has heard from yet, on channels that can probe; records what each platform said. */
export async function probeOfficerChats(services: Services): Promise<number> {
  const { db, channels, clock, log } = services;
  let probed = 0;
  for (const chat of chatsToProbe(db, clock.now())) {
    const channel = channels.get(chat.channel);
    if (!channel?.probe) continue;
    try {
      const result = await channel.probe(chat.chatId);
      recordProbe(db, chat.contactId, result, clock.now());
      probed++;
      // The start-up banner, npm run doctor, /api/health and the dashboard already say so: debug only.
      if (result.reach === 'unreachable') {
        log.debug(
          { channel: chat.channel, chat: chatTag(chat.channel, chat.chatId), reason: result.reason, detail: result.detail },
          'an officer chat cannot receive alerts: ask the officer to open the bot and send /start',
        );
      }
    } catch (err) {
      // The platform could not say now (network trouble): the chat stays "unknown" and is tried next start.
      log.warn({ channel: chat.channel, chat: chatTag(chat.channel, chat.chatId), error: err instanceof Error ? err.message : String(err) }, 'could not probe an officer chat');
    }
  }
  return probed;
}
