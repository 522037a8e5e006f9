/** Gathering settings derived from config once (time zone, default language, reminder offsets). */
import type { Config } from '../../config.js';
import { type ReminderOffset, parseReminderOffsets } from './reminderOffsets.js';
import type { TimeSettings } from './time.js';

/** How gathering times are shown and when reminders go out. */
export interface GatheringSettings extends TimeSettings {
  offsets: ReminderOffset[];
}

const cache = new WeakMap<Config, GatheringSettings>();

/** The settings for a config (memoized per config object). */
export function gatheringSettings(config: Config): GatheringSettings {
  let s = cache.get(config);
  if (!s) {
    s = { HOME_TIMEZONE: config.HOME_TIMEZONE, DEFAULT_LANGUAGE: config.DEFAULT_LANGUAGE, offsets: parseReminderOffsets(config.GATHERING_REMINDERS) };
    cache.set(config, s);
  }
  return s;
}
