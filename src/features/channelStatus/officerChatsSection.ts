/** The channels page's "Officer chats" card: which chats can receive urgent alerts, and what to do about the others. */
import type { OfficerChat } from '../../domain/officers/reach.js';
import { type Html, html } from '../kit/html.js';

type T = (key: string, vars?: Record<string, string | number>) => string;

/** Renders the card (a notice when no officer chat is set up at all). */
export function officerChatsSection(t: T, chats: OfficerChat[]): Html {
  const rows = chats.map(
    (c) => html`<tr class="officer-chat officer-chat-${c.reach}"><td>${c.channel ? t(`dashboard.channelName.${c.channel}`) : '-'} ${c.chatId}</td>
<td><span class="state state-${c.reach === 'reachable' ? 'up' : 'degraded'}">${t(`dashboard.officerChats.reach.${c.reach}`)}</span></td><td>${
      c.reason ? t(`dashboard.officerChats.reason.${c.reason}`) : ''
    }${c.detail ? ` (${c.detail})` : ''}</td></tr>`,
  );
  return html`<section class="card officer-chats"><h2>${t('dashboard.officerChats.title')}</h2><p>${t('dashboard.officerChats.help')}</p>${
    chats.length
      ? html`<table class="table"><thead><tr><th>${t('dashboard.officerChats.chat')}</th><th>${t('dashboard.officerChats.state')}</th><th>${t(
          'dashboard.officerChats.todo',
        )}</th></tr></thead><tbody>${rows}</tbody></table>`
      : html`<p class="notice">${t('dashboard.officerChats.none')}</p>`
  }</section>`;
}
