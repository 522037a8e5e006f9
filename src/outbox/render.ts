/** Turns engine replies into channel-ready text in the contact's language. */
import type { Lang, Outbound } from '../core/types.js';
import type { Translator } from '../i18n.js';
import type { Reply } from '../core/text.js';

/** Renders a reply: the text, then one numbered line per choice (every menu works by typing). */
export function renderReply(tr: Translator, lang: Lang, reply: Reply): Outbound {
  const body = tr.render(lang, reply.text);
  const out: Outbound = { text: body };
  if (reply.choices?.length) {
    const choices = reply.choices.map((c) => ({ key: c.key, label: tr.render(lang, c.label) }));
    out.text = `${body}\n\n${choices.map((c) => `${c.key}. ${c.label}`).join('\n')}`;
    out.choices = choices;
  }
  if (reply.media) out.media = reply.media;
  if (reply.deleteMessageIds?.length) out.deleteMessageIds = reply.deleteMessageIds;
  return out;
}
