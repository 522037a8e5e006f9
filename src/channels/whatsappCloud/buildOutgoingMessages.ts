/**
 * Turns a rendered Outbound into Cloud API message bodies: an interactive list for a menu that fits
 * WhatsApp's limits, otherwise plain text (the text already numbers every choice, so typing a number
 * works either way). Pure.
 */
import type { Choice, Outbound } from '../../core/types.js';

/** WhatsApp Cloud API limits for interactive lists and text messages. */
export const LIST_MAX_ROWS = 10;
export const LIST_ROW_TITLE_MAX = 24;
export const LIST_ROW_DESCRIPTION_MAX = 72;
export const LIST_BODY_MAX = 1024;
export const LIST_BUTTON_MAX = 20;
export const LIST_ROW_ID_MAX = 200;
export const TEXT_MAX = 4096;

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export type GraphMessage =
  | { type: 'text'; text: { body: string; preview_url: false } }
  | { type: 'interactive'; interactive: { type: 'list'; body: { text: string }; action: { button: string; sections: { rows: ListRow[] }[] } } };

/** Message bodies to send, in order. `listButton` is the translated label of the list's button. */
export function buildOutgoingMessages(msg: Outbound, listButton: string): GraphMessage[] {
  const list = msg.choices?.length ? buildList(msg.text, msg.choices, listButton) : undefined;
  if (list) return [list];
  return splitText(msg.text, TEXT_MAX).map((body) => ({ type: 'text', text: { body, preview_url: false } }));
}

/** The menu as an interactive list, or undefined when it does not fit WhatsApp's limits. */
export function buildList(text: string, choices: Choice[], button: string): GraphMessage | undefined {
  if (choices.length > LIST_MAX_ROWS || !button || button.length > LIST_BUTTON_MAX) return undefined;
  // The renderer appended "1. label" lines; the list shows them as rows instead.
  const suffix = `\n\n${choices.map((c) => `${c.key}. ${c.label}`).join('\n')}`;
  const body = text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
  if (!body.trim() || body.length > LIST_BODY_MAX) return undefined;
  const rows: ListRow[] = [];
  for (const c of choices) {
    if (!c.key || c.key.length > LIST_ROW_ID_MAX) return undefined;
    const full = `${c.key}. ${c.label}`;
    if (full.length <= LIST_ROW_TITLE_MAX) {
      rows.push({ id: c.key, title: full });
      continue;
    }
    // A long label: a shortened title, and the whole label as the row's description.
    if (c.label.length > LIST_ROW_DESCRIPTION_MAX) return undefined;
    rows.push({ id: c.key, title: shorten(full, LIST_ROW_TITLE_MAX), description: c.label });
  }
  if (new Set(rows.map((r) => r.id)).size !== rows.length) return undefined;
  return { type: 'interactive', interactive: { type: 'list', body: { text: body }, action: { button, sections: [{ rows }] } } };
}

/** Cuts at a word boundary and adds an ellipsis, within `max` characters. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Splits text into pieces of at most `max` characters, preferring line breaks, then spaces. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let at = rest.lastIndexOf('\n', max);
    if (at < max / 2) at = rest.lastIndexOf(' ', max);
    if (at < max / 2) at = max;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^[\n ]/, '');
  }
  parts.push(rest);
  return parts;
}
