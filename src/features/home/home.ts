/**
 * Where someone's home is: the named actions, checks and option sources behind the home steps
 * (`src/features/kit/homeSteps.ts`) that the report and the assistance request ask.
 */
import type { Action } from '../../conversation/actions.js';
import type { ActionResult, Check, Json, SourceOption } from '../../conversation/flow.js';
import { matchDistrict } from '../../domain/districtMatch.js';
import { MAX_VILLAGE_CHARS, OUTSIDE_REGION, districtById, getDistricts } from '../../domain/places.js';
import { ALL_DISTRICTS, HOME_DATA } from '../kit/homeSteps.js';
import type { Feature } from '../feature.js';

/** Longest answer to the district question (a district, maybe with the village and "kecamatan"). */
export const MAX_HOME_ANSWER_CHARS = 120;

const str = (v: Json | undefined): string | null => (typeof v === 'string' && v.trim().length ? v.trim() : null);

/** Text up to `max` letters, else a short error (a file or an empty message asks for text). */
const textUpTo =
  (max: number): Check =>
  ({ text }) => {
    const t = text.trim();
    if (!t) return { ok: false, error: 'home.textPlease' };
    if (t.length > max) return { ok: false, error: { key: 'home.tooLong', vars: { max: String(max) } } };
    return { ok: true, value: t };
  };

const cleared = { [HOME_DATA.district]: null, [HOME_DATA.village]: null, [HOME_DATA.name]: null, [HOME_DATA.options]: null, [HOME_DATA.hint]: null };

/** Matches the typed district: `village` (ask it next), `unsure` (choose from a short list) or done. */
const match: Action = (ctx): ActionResult => {
  const typed = str(ctx.data[HOME_DATA.text]);
  if (!typed) return { set: cleared };
  const found = matchDistrict(typed);
  if (found.kind === 'outside') return { set: { ...cleared, [HOME_DATA.district]: OUTSIDE_REGION } };
  if (found.kind === 'district') {
    const set = { ...cleared, [HOME_DATA.district]: found.district.id, [HOME_DATA.name]: found.district.name, [HOME_DATA.village]: found.village };
    return found.village ? { set } : { outcome: 'village', set };
  }
  return {
    outcome: 'unsure',
    set: { ...cleared, [HOME_DATA.options]: found.candidates.map((d) => d.id), [HOME_DATA.hint]: { t: found.candidates.length ? 'home.pickNear' : 'home.pickNone' } },
  };
};

/** After a choice from a list: `all` (show every district), `village` (ask it next) or done. */
const picked: Action = (ctx): ActionResult => {
  const choice = str(ctx.data[HOME_DATA.district]);
  if (choice === ALL_DISTRICTS) return { outcome: 'all', set: { [HOME_DATA.district]: null } };
  const d = districtById(choice);
  if (!d) return { set: { [HOME_DATA.village]: null, [HOME_DATA.name]: null } };
  return { outcome: 'village', set: { [HOME_DATA.name]: d.name, [HOME_DATA.village]: null } };
};

const tail = (): SourceOption[] => [
  { label: { key: 'home.outsideOption' }, value: OUTSIDE_REGION },
  { label: { key: 'common.skip' }, value: null },
];

export const homeFeature: Feature = {
  name: 'home',
  checks: { 'home.text': textUpTo(MAX_HOME_ANSWER_CHARS), 'home.village': textUpTo(MAX_VILLAGE_CHARS) },
  actions: { 'home.match': match, 'home.picked': picked },
  sources: {
    // The closest districts to what was typed, then every district, outside the regency, skip.
    'home.choices': (data) => [
      ...(Array.isArray(data[HOME_DATA.options]) ? (data[HOME_DATA.options] as Json[]) : [])
        .map((id) => districtById(typeof id === 'string' ? id : null))
        .filter((d) => d !== undefined)
        .map((d) => ({ label: { raw: d.name }, value: d.id })),
      { label: { key: 'home.seeAll' }, value: ALL_DISTRICTS },
      ...tail(),
    ],
    'home.allDistricts': () => [...getDistricts().map((d) => ({ label: { raw: d.name }, value: d.id })), ...tail()],
  },
};
