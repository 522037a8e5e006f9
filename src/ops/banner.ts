/**
 * The start-up banner: what an operator needs to see once the bot runs (version, database, the
 * addresses to open, each channel's state, which officer chats can be reached, dashboard accounts).
 * On a terminal it is printed as text; in JSON mode the same facts go into one structured log line.
 * It never shows tokens, secrets or phone numbers: officer chats are counted, not listed.
 */
import type { Config } from '../config.js';
import { CHANNEL_NAMES, type ChannelHealth, type ChannelName } from '../core/types.js';
import { countActiveOfficers } from '../domain/officers/accounts.js';
import type { DB } from '../store/db.js';
import { type OfficerChatProbe, probeTelegramOfficers, telegramOfficerChats } from './officerChats.js';
import { dataDirOrigin } from './scriptDatabase.js';
import { type ServiceUrls, serviceUrls } from './urls.js';
import { appVersion } from './version.js';

/** How long the banner waits for officer chat checks before showing what it has. */
export const BANNER_PROBE_TIMEOUT_MS = 5000;

/** What switches each platform channel on, for channels that are off. */
const HOW_TO_ENABLE: Partial<Record<ChannelName, string>> = {
  telegram: 'set TELEGRAM_BOT_TOKEN',
  'whatsapp-cloud': 'set the four WHATSAPP_CLOUD_* variables',
  'whatsapp-web': 'set WHATSAPP_WEB=true',
};

export interface BannerInfo {
  version: string;
  database: { path: string; origin: string; created: boolean };
  urls: ServiceUrls;
  channels: { name: ChannelName; state: string; detail?: string }[];
  officers: {
    /** Telegram officer chats checked with getChat (null when Telegram is off). */
    telegram: { configured: number; reachable: number } | null;
    /** WhatsApp officer numbers (cannot be checked before they write). */
    whatsapp: number;
  };
  dashboardAccounts: number;
}

export interface BannerSources {
  config: Config;
  db: DB;
  /** The port the HTTP server bound. */
  port: number;
  /** Whether this start created the database file. */
  createdDatabase: boolean;
  channels: Partial<Record<ChannelName, ChannelHealth>>;
  /** Asks Telegram about officer chats (default: getChat through the Bot API). */
  probe?: (chatIds: string[]) => Promise<OfficerChatProbe[]>;
}

/** Gathers the banner's facts; asks Telegram about officer chats (bounded by BANNER_PROBE_TIMEOUT_MS). */
export async function collectBannerInfo(src: BannerSources): Promise<BannerInfo> {
  const { config, db } = src;
  const channels: BannerInfo['channels'] = [];
  for (const name of CHANNEL_NAMES) {
    const h = src.channels[name];
    // The web chat reports its open windows as a counter, not as words.
    const detail = h?.detail ?? (h?.stats?.openChatWindows !== undefined ? `${h.stats.openChatWindows} open chat windows` : undefined);
    if (h) channels.push({ name, state: h.state, ...(detail ? { detail } : {}) });
    else if (HOW_TO_ENABLE[name]) channels.push({ name, state: 'off', detail: HOW_TO_ENABLE[name] });
  }
  // Everything read from the database is read before waiting on Telegram.
  const dashboardAccounts = countActiveOfficers(db);
  const ids = config.TELEGRAM_BOT_TOKEN ? telegramOfficerChats(config, db) : [];
  let telegram: BannerInfo['officers']['telegram'] = null;
  if (config.TELEGRAM_BOT_TOKEN) {
    const probe = src.probe ?? ((chatIds: string[]) => probeTelegramOfficers(config, chatIds, BANNER_PROBE_TIMEOUT_MS));
    const results = ids.length ? await probe(ids) : [];
    telegram = { configured: ids.length, reachable: results.filter((r) => r.reachable).length };
  }
  return {
    version: appVersion(),
    database: { path: config.DB_PATH, origin: dataDirOrigin(), created: src.createdDatabase },
    urls: serviceUrls(config, src.port),
    channels,
    officers: { telegram, whatsapp: config.OFFICER_WHATSAPP_NUMBERS.length },
    dashboardAccounts,
  };
}

function officersLine(o: BannerInfo['officers']): string {
  const parts: string[] = [];
  if (o.telegram && o.telegram.configured > 0) {
    const { configured, reachable } = o.telegram;
    const missing = configured - reachable;
    parts.push(
      `Telegram ${reachable} of ${configured} reachable` + (missing ? ` (${missing} never pressed Start or cannot be reached: run npm run doctor)` : ''),
    );
  }
  if (o.whatsapp > 0) parts.push(`WhatsApp ${o.whatsapp} number${o.whatsapp === 1 ? '' : 's'} (checked when they write)`);
  return parts.length ? parts.join('; ') : 'none configured: set OFFICER_TELEGRAM_IDS, or npm run add-officer -- --chat telegram:ID';
}

/** The banner as text lines for a terminal. */
export function renderBanner(info: BannerInfo): string {
  const channels = info.channels.map((c) => `${c.name} ${c.state}${c.detail ? ` (${c.detail})` : ''}`);
  const rows: [string, string][] = [
    ['Database', `${info.database.path} (${info.database.origin}${info.database.created ? '; new, created now' : ''})`],
    ['Web chat', info.urls.chat],
    ['Dashboard', info.urls.dashboard],
    ['Health', info.urls.health],
    ['Channels', channels.join('\n')],
    ['Officer chats', officersLine(info.officers)],
    ['Dashboard accounts', info.dashboardAccounts ? String(info.dashboardAccounts) : 'none yet: run npm run add-officer'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const lines = [`Helpline ${info.version} is running`];
  for (const [k, v] of rows) {
    const [first, ...rest] = v.split('\n');
    lines.push(`  ${k.padEnd(width)}${first}`);
    for (const r of rest) lines.push(`  ${' '.repeat(width)}${r}`);
  }
  lines.push('  Check everything before going live: npm run doctor');
  return `${lines.join('\n')}\n`;
}
