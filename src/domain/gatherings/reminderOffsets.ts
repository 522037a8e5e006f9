/** Named reminder offsets ("day=24h,hour=1h"): how long before a gathering each reminder goes out. */
// The accepted form and the default live in config, which checks the setting at start-up.
import { REMINDER_OFFSETS_PATTERN } from '../../config.js';

export interface ReminderOffset {
  name: string;
  beforeMs: number;
}

const UNIT_MS = { m: 60_000, h: 3600_000, d: 86400_000 } as const;

/** Parses "day=24h,hour=1h" into named offsets; throws on anything else. */
export function parseReminderOffsets(spec: string): ReminderOffset[] {
  if (!REMINDER_OFFSETS_PATTERN.test(spec)) throw new Error(`reminder offsets "${spec}" must look like "day=24h,hour=1h"`);
  return spec.split(',').map((part) => {
    const [name, amount] = part.trim().split('=');
    const unit = amount.slice(-1) as keyof typeof UNIT_MS;
    return { name, beforeMs: Number(amount.slice(0, -1)) * UNIT_MS[unit] };
  });
}
