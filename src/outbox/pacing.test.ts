import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { Pacer, TELEGRAM_GROUP_GAP_MS, TELEGRAM_PER_CHAT_BURST, TELEGRAM_PER_CHAT_GAP_MS, telegramPacing } from './pacing.js';

describe('Pacer', () => {
  it('spaces sends over the whole channel evenly, with a margin below the limit (30/s -> one every 37 ms)', () => {
    const clock = new ManualClock(0);
    const p = new Pacer(telegramPacing(30), clock);
    const waits = [p.reserve(), p.reserve(), p.reserve()];
    expect(waits.map(Math.round)).toEqual([0, 37, 74]);
    clock.advance(1000);
    expect(p.reserve()).toBe(0);
  });

  it('lets a short multi-message reply to one chat go at once, then one message a second', () => {
    const clock = new ManualClock(0);
    const p = new Pacer(telegramPacing(30), clock);
    for (let i = 0; i < TELEGRAM_PER_CHAT_BURST; i++) {
      expect(p.chatDelay('42')).toBe(0);
      p.noteSent('42');
    }
    expect(p.chatReady('42')).toBe(false);
    expect(p.chatDelay('42')).toBe(TELEGRAM_PER_CHAT_GAP_MS);
    expect(p.chatReady('43')).toBe(true); // other chats are not held up
    clock.advance(TELEGRAM_PER_CHAT_GAP_MS);
    expect(p.chatReady('42')).toBe(true);
    p.noteSent('42');
    expect(p.chatDelay('42')).toBe(TELEGRAM_PER_CHAT_GAP_MS);
  });

  it('refills the burst after a quiet while, but never beyond it', () => {
    const clock = new ManualClock(0);
    const p = new Pacer(telegramPacing(30), clock);
    p.noteSent('7');
    clock.advance(60_000);
    for (let i = 0; i < TELEGRAM_PER_CHAT_BURST; i++) p.noteSent('7');
    expect(p.chatReady('7')).toBe(false);
  });

  it('paces group chats (negative ids) at 20 a minute with no burst', () => {
    const clock = new ManualClock(0);
    const p = new Pacer(telegramPacing(30), clock);
    p.noteSent('-100123');
    expect(p.chatDelay('-100123')).toBe(TELEGRAM_GROUP_GAP_MS);
    clock.advance(TELEGRAM_GROUP_GAP_MS);
    expect(p.chatReady('-100123')).toBe(true);
  });

  it('has no per-chat limit when the gap is 0', () => {
    const p = new Pacer({ perSecond: 50, perChatGapMs: 0, concurrency: 4 }, new ManualClock(0));
    for (let i = 0; i < 10; i++) p.noteSent('x');
    expect(p.chatReady('x')).toBe(true);
  });
});
