/** Test helpers: a real app on a temporary SQLite file, users that type, and a recording channel. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, type AppOptions } from '../app.js';
import { type Config, parseConfig } from '../config.js';
import { ManualClock } from '../core/clock.js';
import { SendError } from '../core/errors.js';
import type { Channel, ChannelHealth, ChannelName, Inbound, Intake, IntakeResult, MediaDescriptor, Outbound, SendResult } from '../core/types.js';

/** A fresh temporary data folder. */
export function tempDataDir(prefix = 'helpline-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A validated Config for tests: temp DATA_DIR, random port, quiet logs. The flood limit is lifted
 * (a ManualClock does not move between messages); flood tests set RATE_LIMIT_MESSAGES themselves.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig({ DATA_DIR: tempDataDir(), HTTP_PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_MESSAGES: '100000', ...env });
}

/** A channel that records what it was asked to send; tests can make it fail. */
export class RecordingChannel implements Channel {
  readonly sent: { chatId: string; msg: Outbound; at: number }[] = [];
  intake?: Intake;
  /** Errors to throw on the next sends, in order. */
  failures: SendError[] = [];
  private seq = 0;

  constructor(readonly name: ChannelName = 'console') {}

  async start(intake: Intake): Promise<void> {
    this.intake = intake;
  }
  async stop(): Promise<void> {}
  async send(chatId: string, msg: Outbound): Promise<SendResult> {
    const f = this.failures.shift();
    if (f) throw f;
    this.sent.push({ chatId, msg, at: Date.now() });
    return { platformMessageId: `m${++this.seq}` };
  }
  health(): ChannelHealth {
    return { state: 'up' };
  }
  textsTo(chatId: string): string[] {
    return this.sent.filter((s) => s.chatId === chatId).map((s) => s.msg.text);
  }
}

export interface TestAppOptions extends Partial<Omit<AppOptions, 'config'>> {
  env?: Record<string, string>;
  config?: Config;
}

/**
 * Builds an App on a temporary database with no HTTP or cron unless asked. The clock is a
 * ManualClock unless one is given (pass systemClock to test real-time delivery and retries).
 */
export function createTestApp(opts: TestAppOptions = {}): App & { manualClock: ManualClock } {
  const manual = opts.clock instanceof ManualClock ? opts.clock : new ManualClock();
  const clock = opts.clock ?? manual;
  const app = new App({
    http: false,
    scheduler: false,
    ...opts,
    clock,
    config: opts.config ?? testConfig(opts.env),
  }) as App & { manualClock: ManualClock };
  app.manualClock = manual;
  return app;
}

let globalSeq = 0;

/**
 * A person typing to the bot. `say()` runs one turn through the real router and returns the
 * texts that turn committed to the outbox for this chat (what the user will receive).
 */
export class TestUser {
  private lastOutboxId = 0;

  constructor(
    readonly app: App,
    readonly chatId: string = `u${++globalSeq}`,
    readonly channel: ChannelName = 'console',
  ) {}

  async send(text: string, extra: Partial<Inbound> = {}): Promise<IntakeResult> {
    return this.app.router.handle({
      channel: this.channel,
      chatId: this.chatId,
      platformId: extra.platformId ?? `p${++globalSeq}`,
      text,
      receivedAt: this.app.clock.now(),
      ...extra,
    });
  }

  /** Sends a message and returns the replies it produced, in order. */
  async say(text: string, extra: Partial<Inbound> = {}): Promise<string[]> {
    await this.send(text, extra);
    return this.replies();
  }

  async sendMedia(media: MediaDescriptor, text = ''): Promise<string[]> {
    return this.say(text, { media });
  }

  /** Replies committed for this chat since the last call. */
  replies(): string[] {
    const rows = this.app.db
      .prepare('SELECT id, payload FROM outbox WHERE channel = ? AND chat_id = ? AND id > ? ORDER BY id')
      .all(this.channel, this.chatId, this.lastOutboxId) as { id: number; payload: string }[];
    if (rows.length) this.lastOutboxId = rows[rows.length - 1].id;
    return rows.map((r) => (JSON.parse(r.payload) as Outbound).text);
  }

  /**
   * Does what a new contact does first: greets, chooses a language (1 id, 2 en, 3 jv) and answers
   * the one-time announcements question (no, unless `subscribe`). Returns the last replies.
   */
  async start(lang: 'id' | 'en' | 'jv', subscribe = false): Promise<string[]> {
    await this.say('halo');
    let replies = await this.say({ id: '1', en: '2', jv: '3' }[lang]);
    if (this.session().flow === 'askSubscribe') replies = await this.say(subscribe ? '1' : '2');
    return replies;
  }

  /** The stored conversation position (as JSON went through the database). */
  session(): { flow: string | null; step: string | null; data: Record<string, unknown> } {
    const c = this.contact();
    const raw = c && (this.app.db.prepare('SELECT state FROM sessions WHERE contact_id = ?').pluck().get(c.id) as string | undefined);
    return raw ? JSON.parse(raw) : { flow: null, step: null, data: {} };
  }

  contact() {
    return this.app.contacts.find(this.channel, this.chatId);
  }
}
