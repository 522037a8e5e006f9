/** The PIN arithmetic of SECURITY.md, simulated: the fastest guessing strategies against one reference over ten years. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/db.js';
import { recordWrongPin } from './pin.js';
import { REF_LEVEL_MEMORY_MS, lockReferenceIfGuessed, pinRefusal } from './pinGuard.js';

const HOUR = 3600_000;
const TEN_YEARS = 10 * 365.25 * 24 * HOUR;
const REF = 'BWI-2611-0001';

/** Guesses one reference from ever new chats and addresses as fast as allowed; pauses `quietMs` after every `locksPerCycle` locks. */
function guessesInTenYears(locksPerCycle: number, quietMs: number): number {
  const db = openDatabase(':memory:');
  let now = 0;
  let guesses = 0;
  let locks = 0;
  let chat = 0;
  while (now < TEN_YEARS) {
    chat++;
    if (pinRefusal(db, { channel: 'webchat', chatId: `c${chat}`, address: `a${chat}` }, REF, now)) {
      const until = db.prepare('SELECT locked_until FROM pin_locks').pluck().get() as number;
      now = Math.max(now + 1, until);
      if (locks >= locksPerCycle) {
        now += quietMs;
        locks = 0;
      }
      continue;
    }
    recordWrongPin(db, 'webchat', `c${chat}`, now, REF, `a${chat}`);
    guesses++;
    if (lockReferenceIfGuessed(db, REF, now)) locks++;
    now += 1000;
  }
  db.close();
  return guesses;
}

describe('PIN arithmetic', () => {
  it('the fastest strategies try far fewer than the million PINs in ten years', () => {
    const greedy = guessesInTenYears(Infinity, 0);
    // Waiting out the memory of the doubling between bursts of locks.
    const patient = Math.max(...[6, 7, 8].map((k) => guessesInTenYears(k, REF_LEVEL_MEMORY_MS + HOUR)));
    console.log(`PIN arithmetic: in 10 years at most ${greedy} guesses (greedy) / ${patient} (patient) of 1,000,000 PINs against one reference`);
    expect(greedy).toBeLessThanOrEqual(200);
    // Guessing the PIN (on average half of the million) would take centuries at the patient rate.
    expect(patient).toBeLessThan(10_000);
    expect((500_000 / patient) * 10).toBeGreaterThan(500);
  }, 120_000);
});
