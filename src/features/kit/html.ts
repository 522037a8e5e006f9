/**
 * A tiny HTML template tag: every interpolated value is escaped unless it is an `Html` value
 * (the result of another `html` template or an explicit `raw()` of trusted markup).
 */
import { revealInvisible } from '../../core/revealInvisible.js';

/** Markup that is already safe to embed. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for use in element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

/** Values a template accepts: text and numbers are escaped, arrays are joined, null/undefined/false render nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | HtmlValue[];

function render(v: HtmlValue): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false || v === true) return '';
  // Pages are read by officers: invisible direction and zero-width characters are shown, never obeyed.
  return escapeHtml(revealInvisible(String(v)));
}

/** Builds markup; interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Marks trusted markup (never user or bot text) as safe to embed unescaped. */
export function raw(trusted: string): Html {
  return new Html(trusted);
}
