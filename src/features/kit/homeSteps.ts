/**
 * Building blocks for asking where someone's home is (district and village of the regency, both
 * optional) inside any flow: the report asks it after the story, an assistance request before the
 * need. The home feature owns the named actions, checks and option sources used here.
 *
 * One question first: the district typed by name (with the village if the person likes), "-" to
 * skip, "outside" for someone not from the regency. An unclear name gives a short numbered list of
 * the closest districts (or the whole list); a district without a village asks the village, unless
 * the report is anonymous (a village can point at one family).
 */
import type { Data, Json, MsgDef, Step, Target } from '../../conversation/flow.js';
import { homeDistrictId } from '../../domain/places.js';

/** Flow data keys the steps fill. */
export const HOME_DATA = { text: 'homeText', district: 'homeDistrict', village: 'homeVillage', name: 'homeDistrictName', options: 'homeOptions', hint: 'homeHint' } as const;
/** Option value of "see every district" in the "which did you mean?" list. */
export const ALL_DISTRICTS = '*all';

const str = (v: Json | undefined): string | null => (typeof v === 'string' && v.trim().length ? v.trim() : null);

/**
 * Steps asking the home district (`prefix`, prompted by `ask`) and then the village, ending at `done`.
 * Leaves `homeDistrict` (a district id, 'outside' or null) and `homeVillage` (text or null) in the data.
 */
export function homeSteps(prefix: string, ask: MsgDef, done: Target): Record<string, Step> {
  return {
    [prefix]: { ask, check: 'home.text', save: HOME_DATA.text, optional: true, next: `${prefix}Match` },
    [`${prefix}Match`]: { call: 'home.match', on: { village: `${prefix}VillageGate`, unsure: `${prefix}Pick` }, next: done },
    [`${prefix}Pick`]: {
      menu: { key: 'home.pick', vars: { typed: `$${HOME_DATA.text}`, hint: `$${HOME_DATA.hint}` } },
      optionsFrom: 'home.choices',
      save: HOME_DATA.district,
      next: `${prefix}Picked`,
    },
    [`${prefix}All`]: { menu: 'home.all', optionsFrom: 'home.allDistricts', save: HOME_DATA.district, next: `${prefix}Picked` },
    [`${prefix}Picked`]: { call: 'home.picked', on: { all: `${prefix}All`, village: `${prefix}VillageGate` }, next: done },
    // An anonymous report gives the district only: a village can point at one family.
    [`${prefix}VillageGate`]: { branch: 'anonymous', cases: { true: done }, default: `${prefix}Village` },
    [`${prefix}Village`]: {
      ask: { key: 'home.askVillage', vars: { district: `$${HOME_DATA.name}` } },
      check: 'home.village',
      save: HOME_DATA.village,
      optional: true,
      next: done,
    },
  };
}

/** The home the steps collected: a district id or 'outside' (or null), and the village (or null). */
export function homeFromData(data: Data): { district: string | null; village: string | null } {
  const district = homeDistrictId(str(data[HOME_DATA.district]));
  return { district, village: data.anonymous === true ? null : str(data[HOME_DATA.village]) };
}
