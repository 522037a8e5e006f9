/** The verification answers: official (with date and original text) or not, with advice. */
import type { Action } from '../../conversation/actions.js';
import type { Check, Reply, Text } from '../../conversation/flow.js';
import type { Lang } from '../../core/types.js';
import { bodyFor } from '../../domain/broadcasts/payload.js';
import { type VerifyResult, recordCheck, verify } from '../../domain/broadcasts/verify.js';
import { displayCode } from '../../domain/broadcasts/verifyCode.js';
import { formatAt } from '../../domain/gatherings/time.js';
import { allHotlines } from '../../domain/reference.js';

/** The national crisis center's numbers, for the advice under a "not official" answer. */
function crisisNumbers(): string {
  const h = allHotlines().find((x) => x.countries.includes('*'));
  return h ? [...h.numbers, ...(h.shortCodes ?? [])].map((n) => n.value).join(' / ') : '-';
}

/** The answer to one check, in the asker's language. */
export function verifyReply(result: VerifyResult, lang: Lang, zone: string): Reply {
  const advice: Text = { key: 'verify.advice', vars: { hotline: crisisNumbers() } };
  switch (result.kind) {
    case 'official': {
      const b = result.broadcast;
      const date = formatAt(b.enqueuedAt ?? b.createdAt, zone, lang);
      const code = displayCode(b.verifyCode ?? '');
      const head: Text = result.textDiffers ? { key: 'verify.officialTextDiffers', vars: { code, date } } : { key: 'verify.official', vars: { date } };
      const lines: Text[] = [head, { raw: bodyFor(b.texts, lang) }];
      if (result.textDiffers) lines.push(advice);
      return { text: { lines } };
    }
    case 'notOfficialCode':
      return { text: { lines: [{ key: 'verify.notOfficialCode', vars: { code: displayCode(result.code) } }, advice] } };
    case 'phone':
      return result.hotline
        ? { text: { key: 'verify.phoneOfficial', vars: { number: result.number, name: result.hotline.name } } }
        : { text: { lines: [{ key: 'verify.phoneNotOfficial', vars: { number: result.number } }, { key: 'verify.phoneAdvice' }] } };
    case 'notOfficial':
    case 'empty':
      return { text: { lines: [{ key: 'verify.notOfficial' }, advice] } };
  }
}

/** Checks `args.text`; outcome 'empty' asks for it, 'noLang' leads a new contact to the language choice. */
const check: Action = (ctx, args) => {
  const text = typeof args.text === 'string' ? args.text : '';
  const result = verify(ctx.db, text);
  if (result.kind === 'empty') return { outcome: 'empty' };
  recordCheck(ctx.db, text, result, ctx.now);
  const lang = ctx.contact.language ?? ctx.config.DEFAULT_LANGUAGE;
  const replies = [verifyReply(result, lang, ctx.config.HOME_TIMEZONE)];
  return { outcome: ctx.contact.language ? 'done' : 'noLang', replies };
};

/** Any non-empty text (a code, a pasted message or a number). */
const anyText: Check = ({ text }) => (text.trim() ? { ok: true, value: text } : { ok: false, error: 'verify.ask' });

export const verifyActions: Record<string, Action> = { 'verify.check': check };
export const verifyChecks: Record<string, Check> = { 'verify.text': anyText };
