/** The server-rendered web chat page; the conversation itself is drawn by /chat/assets/chat.js. */
import type { Lang } from '../../core/types.js';
import type { Translator } from '../../i18n.js';
import { type Html, escapeHtml, html, raw } from '../../features/kit/html.js';

/** The texts the browser script needs (status lines, screen-reader labels). */
const SCRIPT_TEXTS = ['offline', 'tooFast', 'failed', 'expired', 'you', 'bot'] as const;

/** Escapes text and turns *word* into <strong>word</strong>, as chat apps show it. */
export function emphasize(text: string): Html {
  return raw(escapeHtml(text).replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>'));
}

/** The chat page in a language. */
export function chatPage(tr: Translator, lang: Lang): Html {
  const t = (k: string) => tr.t(lang, `webchat.${k}`);
  const texts = JSON.stringify(Object.fromEntries(SCRIPT_TEXTS.map((k) => [k, t(k)])));
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('pageTitle')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/chat/assets/chat.css">
<script src="/chat/assets/chat.js" defer></script>
</head>
<body>
<main class="chat" id="chat" data-texts="${texts}">
  <header class="chat-head"><h1>${t('heading')}</h1></header>
  <div id="log" class="log" role="log" aria-live="polite" aria-relevant="additions"></div>
  <div id="start-box" class="start-box" hidden>
    <p>${emphasize(t('intro'))}</p>
    <button type="button" id="start" class="start" data-label="${t('start')}">${t('start')}</button>
  </div>
  <p id="status" class="status" role="status" hidden></p>
  <form id="composer" class="composer" autocomplete="off">
    <label class="sr-only" for="text">${t('placeholder')}</label>
    <textarea id="text" name="text" rows="1" maxlength="4000" placeholder="${t('placeholder')}" enterkeyhint="send"></textarea>
    <button type="submit" id="send">${t('send')}</button>
  </form>
  <noscript><p class="status">${t('noscript')}</p></noscript>
</main>
</body>
</html>
`;
}
