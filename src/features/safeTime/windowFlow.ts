/**
 * The worker's safe-time window: "Only at a safer time" in a report, and "Safe time for messages"
 * in the account menu (change it any time). Officers' messages are then held until the window
 * opens in the worker's local time (outbox/notifier.ts).
 */
import type { Action } from '../../conversation/actions.js';
import type { Check, Flow, Json } from '../../conversation/flow.js';
import { offsetFromLocalTime, setContactWindow, windowText } from '../../domain/delivery/safeWindows.js';
import { type SafeWindow, isSafeWindow } from '../../outbox/safeTime.js';
import { windowOptions, zoneFromData } from '../kit/safeTimeSteps.js';

export { windowOptions, windowSteps, zoneFromData } from '../kit/safeTimeSteps.js';

const str = (v: Json | undefined): string | null => (typeof v === 'string' && v.length ? v : null);

/** Outcome 'ask' when the window's zone cannot be known from the country. */
const needsZone: Action = (ctx) => (zoneFromData(ctx.data, ctx.contact.country) ? {} : { outcome: 'ask' });

/** A time of day typed by the worker, kept as the offset from UTC in minutes. */
const localTime: Check = ({ text, now }) => {
  const offset = offsetFromLocalTime(text, now);
  return offset === undefined ? { ok: false, error: 'safeTime.badTime' } : { ok: true, value: offset };
};

/** Shows the current setting before the menu. */
const current: Action = (ctx) => {
  const c = ctx.contact;
  const lang = c.language ?? ctx.config.DEFAULT_LANGUAGE;
  const text = isSafeWindow(c.safeWindow)
    ? { key: 'safeTime.currentWindow', vars: { window: windowText(c.safeWindow, c.country, c.safeZone, lang) } }
    : { key: 'safeTime.currentAny' };
  return { replies: [{ text }] };
};

/** Saves the chosen window (or "any time") on the contact; held messages follow the new choice. */
const save: Action = (ctx) => {
  const choice = str(ctx.data.window);
  const window: SafeWindow | null = isSafeWindow(choice) ? choice : null;
  const zone = window ? zoneFromData(ctx.data, ctx.contact.country) : undefined;
  if (window && !zone) return { outcome: 'ask' };
  setContactWindow(ctx.db, ctx.contact.id, window, zone ?? null, ctx.now, ctx.config.HOME_TIMEZONE);
  ctx.audit('safe_time_set', `contact:${ctx.contact.id}`, window ?? 'any');
  const lang = ctx.contact.language ?? ctx.config.DEFAULT_LANGUAGE;
  if (!window) return { replies: [{ text: { key: 'safeTime.savedAny' } }] };
  return { replies: [{ text: { key: 'safeTime.saved', vars: { window: windowText(window, ctx.contact.country, zone ?? null, lang) } } }] };
};

/** "Safe time for messages" (account menu): the current setting, the windows, "any time". */
export const safeTimeFlow: Flow = {
  id: 'safetime',
  start: 'current',
  steps: {
    current: { call: 'safeTime.current', next: 'menu' },
    menu: {
      menu: 'safeTime.askWindow',
      options: [...windowOptions('window', 'save'), { label: 'safeTime.anyTime', next: 'save', set: { window: 'any' } }],
    },
    save: { call: 'safeTime.save', on: { ask: 'zone' }, next: 'end' },
    zone: { ask: 'safeTime.askLocalTime', check: 'safeTime.localTime', save: 'safeOffset', next: 'save' },
    end: { end: true },
  },
};

export const windowActions: Record<string, Action> = {
  'safeTime.needsZone': needsZone,
  'safeTime.current': current,
  'safeTime.save': save,
};

export const windowChecks: Record<string, Check> = { 'safeTime.localTime': localTime };
