/** Channels: the state of every chat channel, which officer chats can receive alerts (and what to do); for admins, the WhatsApp login QR. */
import QRCode from 'qrcode';
import type { Channel } from '../../core/types.js';
import { type Html, html, raw } from '../kit/html.js';
import type { DashboardPage } from '../kit/dashboard/page.js';
import { officerChats } from '../../domain/officers/reach.js';
import { officerChatsSection } from './officerChatsSection.js';

/**
 * A channel that needs a QR scan to log in (whatsapp-web) may expose the current QR payload;
 * the page draws it as SVG on the server (no external service).
 */
export interface QrChannel extends Channel {
  loginQr(): string | null | undefined;
}

function hasQr(ch: Channel): ch is QrChannel {
  return typeof (ch as Partial<QrChannel>).loginQr === 'function';
}

export const channelsPage: DashboardPage = {
  path: '/channels',
  titleKey: 'dashboard.nav.channels',
  nav: 60,
  mount(r, kit) {
    r.get('/', async (_req, res) => {
      const t = kit.t;
      const channels = [...kit.services.channels.values()];
      const rows = channels.map((ch) => {
        const h = ch.health();
        // Counters with a wording of their own (dashboard.channels.stat.*) are shown in the officer's language.
        const stats = Object.entries(h.stats ?? {})
          .filter(([k]) => kit.services.translator.has(kit.lang, `dashboard.channels.stat.${k}`))
          .map(([k, n]) => t(`dashboard.channels.stat.${k}`, { count: n }));
        const detail = [h.detail, ...stats].filter(Boolean).join(' · ');
        return html`<tr><td>${t(`dashboard.channelName.${ch.name}`)}</td>
<td><span class="state state-${h.state}">${t(`dashboard.channelState.${h.state}`)}</span></td><td>${detail}</td></tr>`;
      });
      const qrs: Html[] = [];
      if (kit.officer(res).role === 'admin') {
        for (const ch of channels.filter(hasQr)) {
          const payload = ch.loginQr();
          if (!payload) continue;
          // qrcode renders markup from the payload only; it is ours, not user text.
          const svg = await QRCode.toString(payload, { type: 'svg', margin: 2, width: 264 });
          qrs.push(html`<section class="card qr" data-refresh-seconds="15"><h2>${t('dashboard.channels.qrTitle')}</h2><p>${t('dashboard.channels.qrHelp')}</p>${raw(svg)}</section>`);
        }
      }
      // Which officer chats can receive urgent alerts, and what to do about the others.
      const officersSection = officerChatsSection(t, officerChats(kit.services.db, kit.services.config, kit.services.channels.keys(), kit.services.clock.now()));
      kit.render(res, {
        title: t('dashboard.nav.channels'),
        body: html`${officersSection}${
          channels.length
            ? html`<table class="table"><thead><tr><th>${t('dashboard.channels.name')}</th><th>${t('dashboard.channels.state')}</th><th>${t(
                'dashboard.channels.detail',
              )}</th></tr></thead><tbody>${rows}</tbody></table>`
            : html`<p class="notice">${t('dashboard.channels.none')}</p>`
        }${qrs}`,
      });
    });
  },
};
