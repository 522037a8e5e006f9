/** The dashboard's HTML frame: head, header with navigation and sign-out, main content. */
import type { Lang } from '../../../core/types.js';
import { type Html, html } from '../html.js';
import type { Officer } from '../../../domain/officers/accounts.js';

export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

export interface LayoutInput {
  lang: Lang;
  title: string;
  appTitle: string;
  body: Html;
  nav: NavItem[];
  /** Absent on the sign-in page. */
  officer?: {
    who: string;
    logoutLabel: string;
    csrf: Html;
    officer: Officer;
    /** For the live stream's script (acknowledging alerts). */
    csrfToken?: string;
    /** Labels of the live alert bar. */
    live?: { ack: string; open: string; title: string };
  };
}

/** A whole dashboard page. */
export function layout(p: LayoutInput): Html {
  return html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${p.title} · ${p.appTitle}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
<script src="/dashboard/assets/dashboard.js" defer></script>
<script src="/dashboard/assets/live.js" defer></script>
<script src="/dashboard/assets/savedReplies.js" defer></script>
</head>
<body${
  p.officer?.live
    ? html` data-events="/dashboard/events" data-csrf="${p.officer.csrfToken ?? ''}" data-ack-label="${p.officer.live.ack}" data-open-label="${p.officer.live.open}"`
    : ''
}>
<header class="top">
  <div class="brand"><a href="/dashboard">${p.appTitle}</a></div>
  ${
    p.officer
      ? html`<form method="post" action="/dashboard/logout" class="logout">${p.officer.csrf}
    <span class="who">${p.officer.who}</span> <button type="submit">${p.officer.logoutLabel}</button></form>`
      : ''
  }
</header>
${
  p.nav.length
    ? html`<nav class="nav" aria-label="${p.appTitle}"><ul>${p.nav.map(
        (n) => html`<li><a href="${n.href}"${n.current ? html` aria-current="page"` : ''}>${n.label}</a></li>`,
      )}</ul></nav>`
    : ''
}
${p.officer?.live ? html`<section id="live-alerts" class="live-alerts" aria-label="${p.officer.live.title}" aria-live="assertive" hidden><ul></ul></section>` : ''}
<main class="content">
<h1>${p.title}</h1>
${p.body}
</main>
</body>
</html>
`;
}
