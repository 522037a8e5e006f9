/**
 * The server-rendered web chat page. It carries its styles inline and the conversation so far, so
 * on a slow connection the first screen (and the last answer) shows after one request; the script
 * (/chat/assets/chat.js, deferred) then keeps it live. Every text is in the page's language.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Lang } from '../../core/types.js';
import type { Translator } from '../../i18n.js';
import { chatText, plainChatText } from '../../features/kit/chatText.js';
import { type Html, html, raw } from '../../features/kit/html.js';
import type { WebchatMessage } from '../../store/webchatMessages.js';

export const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/** The texts the browser script needs (status lines, labels it draws); sent in the page. */
export const SCRIPT_TEXTS = [
  'offline', 'tooFast', 'failed', 'expired', 'you', 'bot', 'queued', 'uploading', 'fileTooLarge', 'fileUnsupported', 'download',
] as const;
/**
 * Page chrome the script relabels when the visitor changes language in the chat:
 * `data-t` sets text, `data-t-ph` a placeholder, `data-t-al` an aria-label.
 */
export const CHROME_TEXTS = [
  'pageTitle', 'heading', 'intro', 'start', 'placeholder', 'send', 'quickExit', 'exitTip', 'exitTipOk', 'attach', 'photo', 'voice',
  'document', 'recording', 'stopSend', 'cancel', 'conversation',
] as const;

/** The styles, minified once and inlined; the CSP allows exactly this block by its hash. */
export const INLINE_CSS = fs
  .readFileSync(path.join(ASSETS_DIR, 'chat.css'), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .replace(/\s*([{};:,>])\s*/g, '$1')
  .trim();
export const INLINE_CSS_HASH = `'sha256-${createHash('sha256').update(INLINE_CSS).digest('base64')}'`;

/** Accepted document types for the document picker (the same list the evidence code keeps). */
const DOCUMENT_ACCEPT = '.pdf,.doc,.docx,.txt,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain';

/** What the page needs besides its language. */
export interface PageState {
  messages: WebchatMessage[];
  /** The signed token of the chat the page was rendered for (kept in storage for embedded use). */
  token: string;
  /** True when this request created the chat (no cookie came): a token in storage may win. */
  fresh: boolean;
  /** Language named by `?lang=` for a contact who has not chosen one: the first message sets it. */
  presetLang?: Lang;
  exitUrl: string;
  /** Cache-busting version of chat.js. */
  assetVersion: string;
  maxUploadMb: number;
}

/** Texts in a language, for the script and the live relabelling. */
export function pageTexts(tr: Translator, lang: Lang, maxUploadMb: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...SCRIPT_TEXTS, ...CHROME_TEXTS]) out[k] = tr.t(lang, `webchat.${k}`, k === 'fileTooLarge' ? { max: maxUploadMb } : undefined);
  return out;
}

/** One message as the script also draws it (public/chat.js `render`). */
export function messageHtml(m: WebchatMessage, who: string, downloadLabel: string): Html {
  const file = m.file?.url
    ? html`<a class="file" href="${m.file.url}" download="${m.file.name}">${downloadLabel}: ${m.file.name}</a>`
    : '';
  const choices = m.dir === 'out' && m.choices?.length
    ? html`<div class="choices">${m.choices.map((c) => {
        const label = plainChatText(c.label);
        return html`<button type="button" class="choice" data-key="${c.key}" data-label="${label}">${c.key}. ${label}</button>`;
      })}</div>`
    : '';
  return html`<div class="msg msg-${m.dir}" data-id="${m.id}"><div class="bubble"><span class="sr-only">${who}: </span>${chatText(m.text)}</div>${file}${choices}</div>`;
}

/** The chat page in a language. */
export function chatPage(tr: Translator, lang: Lang, s: PageState): Html {
  const texts = pageTexts(tr, lang, s.maxUploadMb);
  const t = (k: (typeof CHROME_TEXTS)[number]) => texts[k];
  const you = texts.you;
  const bot = texts.bot;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content">
<meta name="theme-color" content="#0b6b57">
<title data-t="pageTitle">${t('pageTitle')}</title>
<link rel="manifest" href="/chat/manifest.webmanifest?lang=${lang}">
<link rel="icon" href="/chat/assets/icon.svg" type="image/svg+xml">
<style>${raw(INLINE_CSS)}</style>
<script src="/chat/assets/chat.js?v=${s.assetVersion}" defer></script>
</head>
<body>
<main class="chat" id="chat" data-texts="${JSON.stringify(texts)}" data-lang="${lang}" data-token="${s.token}" data-fresh="${s.fresh ? '1' : ''}" data-preset-lang="${s.presetLang ?? ''}" data-exit-url="${s.exitUrl}" data-max-upload="${s.maxUploadMb * 1048576}" data-langs="${LANGUAGES.join(',')}">
  <header class="chat-head"><h1 data-t="heading">${t('heading')}</h1><button type="button" id="exit" class="exit" data-t="quickExit">${t('quickExit')}</button></header>
  <div id="exit-tip" class="tip" role="note" hidden><p data-t-md="exitTip">${chatText(t('exitTip'))}</p><button type="button" id="exit-tip-ok" data-t="exitTipOk">${t('exitTipOk')}</button></div>
  <div id="log" class="log" role="log" aria-live="polite" aria-relevant="additions" aria-label="${t('conversation')}" data-t-al="conversation" tabindex="0">${s.messages.map((m) =>
    messageHtml(m, m.dir === 'in' ? you : bot, texts.download),
  )}</div>
  <div id="start-box" class="start-box"${s.messages.length ? raw(' hidden') : ''}>
    <p data-t-md="intro">${chatText(t('intro'))}</p>
    <button type="button" id="start" class="start" data-t="start">${t('start')}</button>
  </div>
  <p id="status" class="status" role="status" hidden></p>
  <div id="progress-box" class="progress" hidden><span data-t="uploading">${texts.uploading}</span><progress id="progress" max="100" value="0" aria-labelledby="progress-label"></progress><span id="progress-label" class="sr-only">${texts.uploading}</span></div>
  <div id="recorder" class="recorder" hidden><span><span data-t="recording">${t('recording')}</span> <span id="rec-time">0:00</span></span><button type="button" id="rec-send" data-t="stopSend">${t('stopSend')}</button><button type="button" id="rec-cancel" data-t="cancel">${t('cancel')}</button></div>
  <div id="attach-menu" class="attach-menu" hidden>
    <button type="button" data-pick="photo" data-t="photo">${t('photo')}</button>
    <button type="button" data-pick="voice" data-t="voice">${t('voice')}</button>
    <button type="button" data-pick="document" data-t="document">${t('document')}</button>
    <input type="file" id="file-photo" accept="image/*" hidden tabindex="-1">
    <input type="file" id="file-voice" accept="audio/*" hidden tabindex="-1">
    <input type="file" id="file-document" accept="${DOCUMENT_ACCEPT}" hidden tabindex="-1">
  </div>
  <form id="composer" class="composer" autocomplete="off">
    <button type="button" id="attach" class="attach" aria-label="${t('attach')}" data-t-al="attach" aria-expanded="false" aria-controls="attach-menu">+</button>
    <label class="sr-only" for="text" data-t="placeholder">${t('placeholder')}</label>
    <textarea id="text" name="text" rows="1" maxlength="4000" placeholder="${t('placeholder')}" data-t-ph="placeholder" enterkeyhint="send"></textarea>
    <button type="submit" id="send" data-t="send">${t('send')}</button>
  </form>
  <noscript><p class="status">${tr.t(lang, 'webchat.noscript')}</p></noscript>
</main>
</body>
</html>
`;
}

/** The page the service worker shows when the chat is opened without a connection (all three languages). */
export function offlinePage(tr: Translator): Html {
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#0b6b57">
<title>${tr.t('id', 'webchat.offlineTitle')}</title>
<style>${raw(INLINE_CSS)}</style>
</head>
<body>
<main class="offline">${LANGUAGES.map(
    (l) => html`<section lang="${l}"><h1>${tr.t(l, 'webchat.offlineTitle')}</h1><p>${tr.t(l, 'webchat.offlineText')}</p></section>`,
  )}
<p><a class="start" href="/chat">${tr.t('id', 'webchat.retry')} · ${tr.t('en', 'webchat.retry')} · ${tr.t('jv', 'webchat.retry')}</a></p>
</main>
</body>
</html>
`;
}

/** The web app manifest in a language (installable: name, icons, standalone display). */
export function manifest(tr: Translator, lang: Lang): object {
  return {
    name: tr.t(lang, 'webchat.pageTitle'),
    short_name: tr.t(lang, 'webchat.appName'),
    lang,
    start_url: `/chat?lang=${lang}`,
    scope: '/chat',
    id: '/chat',
    display: 'standalone',
    background_color: '#f8faf9',
    theme_color: '#0b6b57',
    icons: [
      { src: '/chat/assets/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/chat/assets/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/chat/assets/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}
