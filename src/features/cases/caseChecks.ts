/** Pure checks and option sources shared by the report and case-status flows. */
import type { Check, OptionSource } from '../../conversation/flow.js';
import { MENU_CATEGORIES } from '../../domain/cases/categories.js';
import { normalizeRef } from '../../domain/cases/ref.js';
import { PIN_DIGITS } from '../../domain/cases/pin.js';
import { MAX_CASE_TEXT } from '../../domain/cases/cases.js';
import { MAX_MEDIA_BYTES, judgeMedia, toEvidenceItem } from '../../domain/cases/evidence.js';
import { menuCountries } from '../../domain/reference.js';

/** Longest answer to a short question (city, names, agency, time of day). */
export const MAX_SHORT_ANSWER = 200;
/** Shortest description we accept: a few words, so officers have something to act on. */
export const MIN_DESCRIPTION = 10;
/** Words that end the evidence step (besides the skip words). */
export const DONE_WORDS = ['selesai', 'sudah', 'cukup', 'lanjut', 'done', 'finished', 'next', 'no', 'tidak', 'sampun', 'rampung', 'mboten'];

const MAX_MB = String(Math.floor(MAX_MEDIA_BYTES / 1048576));

const shortText: Check = ({ text, media }) => {
  if (!text) return { ok: false, error: media ? 'complaint.textPlease' : 'common.empty' };
  if (text.length > MAX_SHORT_ANSWER) return { ok: false, error: { key: 'complaint.tooLongShort', vars: { max: String(MAX_SHORT_ANSWER) } } };
  return { ok: true, value: text };
};

const description: Check = ({ text, media }) => {
  if (!text) return { ok: false, error: media ? 'complaint.describeFirst' : 'common.empty' };
  if (text.length < MIN_DESCRIPTION) return { ok: false, error: 'complaint.describeMore' };
  if (text.length > MAX_CASE_TEXT) return { ok: false, error: { key: 'complaint.tooLongShort', vars: { max: String(MAX_CASE_TEXT) } } };
  return { ok: true, value: text };
};

/** A file to keep, or "done"; anything else explains what the step expects. */
const evidence: Check = ({ text, media }) => {
  if (media) {
    const verdict = judgeMedia(media);
    if (verdict === 'too_large') return { ok: false, error: { key: 'complaint.mediaTooLarge', vars: { max: MAX_MB } } };
    if (verdict === 'unsupported') return { ok: false, error: 'complaint.mediaUnsupported' };
    return { ok: true, value: toEvidenceItem(media) as unknown as Record<string, string> };
  }
  if (DONE_WORDS.includes(text.toLowerCase().replace(/[.!]+$/, ''))) return { ok: true, value: 'done' };
  return { ok: false, error: 'complaint.evidenceHint' };
};

/** Text or a file added to an open case. */
const info: Check = ({ text, media }) => {
  if (media) {
    const verdict = judgeMedia(media);
    if (verdict === 'too_large') return { ok: false, error: { key: 'complaint.mediaTooLarge', vars: { max: MAX_MB } } };
    if (verdict === 'unsupported') return { ok: false, error: 'complaint.mediaUnsupported' };
    return { ok: true, value: { file: toEvidenceItem(media) as unknown as Record<string, string>, text: text || null } };
  }
  if (!text) return { ok: false, error: 'common.empty' };
  if (text.length > MAX_CASE_TEXT) return { ok: false, error: { key: 'complaint.tooLongShort', vars: { max: String(MAX_CASE_TEXT) } } };
  return { ok: true, value: { text, file: null } };
};

const ref: Check = ({ text }) => {
  const r = normalizeRef(text);
  return r ? { ok: true, value: r } : { ok: false, error: 'caseStatus.refFormat' };
};

const pin: Check = ({ text }) => {
  const digits = text.replace(/\s+/g, '');
  return new RegExp(`^\\d{${PIN_DIGITS}}$`).test(digits) ? { ok: true, value: digits } : { ok: false, error: 'caseStatus.pinFormat' };
};

export const caseChecks: Record<string, Check> = {
  'case.shortText': shortText,
  'case.description': description,
  'case.evidence': evidence,
  'case.info': info,
  'case.ref': ref,
  'case.pin': pin,
};

export const caseSources: Record<string, OptionSource> = {
  'case.categories': () => MENU_CATEGORIES.map((id) => ({ label: { key: `case.category.${id}` }, value: id })),
  'case.countries': (_data, contact) => [
    ...menuCountries().map((c) => ({ label: { raw: c.name[contact.lang ?? 'id'] }, value: c.code })),
    { label: { key: 'complaint.countryOther' }, value: 'OTHER' },
  ],
  /** Open cases the case-status flow put in `openCases` (sources cannot read the database). */
  'case.myOpenCases': (data) => {
    const list = Array.isArray(data.openCases) ? (data.openCases as { id: number; ref: string }[]) : [];
    return list.map((c) => ({ label: { raw: c.ref }, value: c.id }));
  },
};
