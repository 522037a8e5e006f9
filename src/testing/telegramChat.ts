/** Driving the real bot through the fake Telegram Bot API in tests: a person types and reads what reached their chat. */
import type { App } from '../app.js';
import type { FakeTelegram } from './fakeTelegram.js';

/** Resolves once `cond` holds; throws naming `what` after `timeoutMs`. */
export async function until(cond: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const handled = (app: App) => app.db.prepare("SELECT COUNT(*) FROM inbound_seen WHERE channel = 'telegram'").pluck().get() as number;
const unsent = (app: App, chat: number) =>
  app.db.prepare("SELECT COUNT(*) FROM outbox WHERE channel = 'telegram' AND chat_id = ? AND state IN ('pending', 'sending')").pluck().get(String(chat)) as number;

/** A person types on Telegram; resolves with what reached their chat once the turn was handled and delivered. */
export async function telegramSay(fake: FakeTelegram, app: App, chat: number, text: string, timeoutMs: number): Promise<string[]> {
  const before = fake.textsTo(chat).length;
  const seen = handled(app);
  fake.userSays(chat, text);
  await until(() => handled(app) > seen && unsent(app, chat) === 0 && fake.textsTo(chat).length > before, `the answer to "${text}"`, timeoutMs);
  return fake.textsTo(chat).slice(before);
}
