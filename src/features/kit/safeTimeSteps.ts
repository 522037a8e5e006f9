/**
 * Building blocks for asking a worker's safe-time window inside any flow (the report asks it; the
 * safe-time feature owns the account menu's flow and the named actions and checks used here).
 */
import type { Data, Json, OptionDef, Step, Target } from '../../conversation/flow.js';
import { fixedOffsetZone, zoneForCountry } from '../../domain/delivery/safeWindows.js';
import { SAFE_WINDOWS } from '../../outbox/safeTime.js';

const str = (v: Json | undefined): string | null => (typeof v === 'string' && v.length ? v : null);

/** The window menu's options; each stores its window under `save` in the flow data, then goes to `next`. */
export function windowOptions(save: string, next: Target): OptionDef[] {
  return SAFE_WINDOWS.map((w) => ({ label: `safeTime.window.${w}`, next, set: { [save]: w } }));
}

/**
 * The zone for a window from the flow data: the chosen country's, else an offset the worker
 * gave by typing the time, else the contact's country; undefined when none is known yet.
 */
export function zoneFromData(data: Data, contactCountry: string | null): string | undefined {
  if (typeof data.safeOffset === 'number') return fixedOffsetZone(data.safeOffset);
  const country = str(data.country);
  if (country === 'OTHER') return undefined;
  return zoneForCountry(country ?? contactCountry);
}

/** Steps asking the window and, when the country's zone is unknown, the local time. Used by the report flow. */
export function windowSteps(prefix: string, save: string, done: Target): Record<string, Step> {
  return {
    [prefix]: { menu: 'safeTime.askWindow', options: windowOptions(save, `${prefix}Zone`) },
    [`${prefix}Zone`]: { call: 'safeTime.needsZone', on: { ask: `${prefix}ZoneAsk` }, next: done },
    [`${prefix}ZoneAsk`]: { ask: 'safeTime.askLocalTime', check: 'safeTime.localTime', save: 'safeOffset', next: done },
  };
}
