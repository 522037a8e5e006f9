/** Test helpers for broadcasts: contacts seeded straight into SQLite, fast pacing, a gated channel. */
import type { App } from '../app.js';
import type { ChannelName, Lang, Outbound, SendResult } from '../core/types.js';
import { type Answer, type NewGathering, createGathering } from '../domain/gatherings/store.js';
import { setAnswer } from '../domain/gatherings/answers.js';
import type { PacingRule } from '../outbox/pacing.js';
import { RecordingChannel } from './harness.js';

/** Pacing that never makes a test wait (the manual clock does not move by itself). */
export const FAST_PACING: PacingRule = { perSecond: 100_000, perChatGapMs: 0, concurrency: 1 };

export interface SeedContact {
  chatId?: string;
  channel?: ChannelName;
  language?: Lang | null;
  subscribed?: boolean | null;
  audience?: 'worker' | 'family' | null;
  country?: string | null;
  unreachableAt?: number | null;
  lastInboundAt?: number | null;
}

let seq = 0;

/** Inserts contacts as if they had chatted before; returns their chat ids. */
export function seedContacts(app: App, n: number, c: SeedContact = {}): string[] {
  const insert = app.db.prepare(
    `INSERT INTO contacts (channel, chat_id, language, subscribed, audience, country, unreachable_at, last_inbound_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids: string[] = [];
  const now = app.clock.now();
  app.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const chatId = n === 1 && c.chatId ? c.chatId : `${c.chatId ?? 's'}${++seq}`;
      const subscribed = c.subscribed === undefined ? 1 : c.subscribed === null ? null : c.subscribed ? 1 : 0;
      insert.run(
        c.channel ?? 'telegram',
        chatId,
        c.language === undefined ? 'id' : c.language,
        subscribed,
        c.audience ?? null,
        c.country ?? null,
        c.unreachableAt ?? null,
        c.lastInboundAt === undefined ? now : c.lastInboundAt,
        now,
      );
      ids.push(chatId);
    }
  })();
  return ids;
}

/** A RecordingChannel that stops before the send number `pauseAt` (0-based) until `release()`. */
export class GatedChannel extends RecordingChannel {
  private gate: Promise<void> | null = null;
  private open!: () => void;
  /** Resolves when a send reached the gate. */
  readonly reached: Promise<void>;
  private reachedResolve!: () => void;
  private calls = 0;

  constructor(
    name: ChannelName,
    private readonly pauseAt: number,
  ) {
    super(name);
    this.gate = new Promise((r) => (this.open = r));
    this.reached = new Promise((r) => (this.reachedResolve = r));
  }

  override async send(chatId: string, msg: Outbound): Promise<SendResult> {
    if (this.calls++ === this.pauseAt && this.gate) {
      this.reachedResolve();
      await this.gate;
    }
    return super.send(chatId, msg);
  }

  release(): void {
    this.open();
  }
}

/** Outbox rows of a broadcast by state. */
export function outboxStates(app: App, broadcastId: number): Record<string, number> {
  const rows = app.db.prepare('SELECT state, COUNT(*) AS n FROM outbox WHERE broadcast_id = ? GROUP BY state').all(broadcastId) as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** A weekly gathering for everyone, first on Sunday 6 Dec 2026, 14:00 WIB. */
export const WEEKLY_GATHERING: NewGathering = {
  title: { id: 'Silaturahmi keluarga', en: 'Family gathering', jv: 'Silaturahmi kulawarga' },
  startLocal: '2026-12-06T14:00',
  timezone: 'Asia/Jakarta',
  durationMin: 90,
  link: 'https://meet.example.org/bwi',
  audience: 'everyone',
  country: null,
  capacity: null,
  recurrence: 'weekly',
  createdBy: 'test',
};

/**
 * WEEKLY_GATHERING with answers stored the way the
 * gatherings flow stores them; `answers` maps a seeded chat id to [occurrence index, answer].
 */
export function seedGatheringAnswers(app: App, answers: [chatId: string, occurrence: number, answer: Answer][]): { gatheringId: number; occurrenceIds: number[] } {
  return app.db.transaction(() => {
    const now = app.clock.now();
    const gatheringId = createGathering(app.db, WEEKLY_GATHERING, now);
    const occurrenceIds = app.db.prepare('SELECT id FROM gathering_occurrences WHERE gathering_id = ? ORDER BY starts_at').pluck().all(gatheringId) as number[];
    for (const [chatId, index, answer] of answers) {
      const contact = app.contacts.find('telegram', chatId);
      if (!contact) throw new Error(`no seeded contact ${chatId}`);
      if (setAnswer(app.db, occurrenceIds[index], contact.id, answer, now, []) !== 'ok') throw new Error(`answer refused for ${chatId}`);
    }
    return { gatheringId, occurrenceIds };
  })();
}
