/**
 * Can an officer chat actually receive an alert? Configured officer chats are registered as
 * contacts at start-up; what we know about each one comes from the database: it wrote to the bot,
 * a message or a probe reached it, or the platform refused it (never started the bot, blocked it).
 * The bot promises "officers have been alerted" only when one of them can be reached.
 */
import type { Config } from '../../config.js';
import type { ChannelName } from '../../core/types.js';
import type { ContactStore } from '../../store/contacts.js';
import { type DB, prepared } from '../../store/db.js';

/** An officer signed in to the dashboard within this time counts as on duty. */
export const DASHBOARD_ON_DUTY_MS = 15 * 60_000;
/** WhatsApp Cloud delivers free-form messages only this long after the person's last message. */
export const CLOUD_SERVICE_WINDOW_MS = 24 * 3600_000;
/** kv key prefix where probe results are kept per officer contact. */
const PROBE_KEY = 'officer_reach:';

export type Reach = 'reachable' | 'unreachable' | 'unknown';
/** Why a chat is not reachable (dashboard explains what to do for each). */
export type ReachReason = 'not_started' | 'blocked' | 'channel_off' | 'never_heard' | 'window_closed';

export interface OfficerChat {
  contactId: number | null;
  channel: ChannelName | null;
  chatId: string;
  /** Listed in OFFICER_TELEGRAM_IDS / OFFICER_WHATSAPP_NUMBERS (others were added with add-officer). */
  configured: boolean;
  reach: Reach;
  reason?: ReachReason;
  /** What the platform said, when it refused. */
  detail?: string;
}

/** What a probe of one chat found out. */
export interface ProbeResult {
  reach: 'reachable' | 'unreachable';
  reason?: ReachReason;
  detail?: string;
}

interface Row {
  id: number;
  channel: ChannelName;
  chat_id: string;
  unreachable_at: number | null;
  last_inbound_at: number | null;
  delivered: number;
  probe: string | null;
}

const digits = (s: string) => s.replace(/\D/g, '');

/** The contact chat a configured WhatsApp number is on, given the WhatsApp channels that run. */
function whatsappChat(number: string, running: ReadonlySet<ChannelName>): { channel: ChannelName; chatId: string } | null {
  const d = digits(number);
  if (!d) return null;
  if (running.has('whatsapp-cloud')) return { channel: 'whatsapp-cloud', chatId: d };
  if (running.has('whatsapp-web')) return { channel: 'whatsapp-web', chatId: `${d}@c.us` };
  return null;
}

/**
 * Creates (or marks as officer) a contact for every configured officer chat, so alerts go to them
 * from the first case on, before they ever write. Telegram ids are registered whatever runs;
 * WhatsApp numbers on the WhatsApp channel that runs (none when WhatsApp is off).
 */
export function registerConfiguredOfficers(contacts: ContactStore, config: Pick<Config, 'OFFICER_TELEGRAM_IDS' | 'OFFICER_WHATSAPP_NUMBERS'>, running: Iterable<ChannelName>, now: number): number {
  const on = new Set(running);
  let n = 0;
  for (const id of config.OFFICER_TELEGRAM_IDS) {
    if (!id.trim()) continue;
    contacts.upsert('telegram', id.trim(), now, true);
    n++;
  }
  for (const number of config.OFFICER_WHATSAPP_NUMBERS) {
    const chat = whatsappChat(number, on);
    if (!chat) continue;
    contacts.upsert(chat.channel, chat.chatId, now, true);
    n++;
  }
  return n;
}

function reachOf(r: Row, now: number): Pick<OfficerChat, 'reach' | 'reason' | 'detail'> {
  const probe = r.probe ? (JSON.parse(r.probe) as ProbeResult) : null;
  if (r.unreachable_at !== null) return { reach: 'unreachable', reason: probe?.reason ?? 'blocked', detail: probe?.detail };
  // The Cloud API refuses free-form messages outside the 24-hour window after the person's last message.
  if (r.channel === 'whatsapp-cloud') {
    const open = r.last_inbound_at !== null && now - r.last_inbound_at <= CLOUD_SERVICE_WINDOW_MS;
    return open ? { reach: 'reachable' } : { reach: 'unreachable', reason: 'window_closed' };
  }
  // Writing to the bot clears unreachable_at: they started it, so it can write back.
  if (r.last_inbound_at !== null || r.delivered > 0 || probe?.reach === 'reachable') return { reach: 'reachable' };
  if (probe?.reach === 'unreachable') return { reach: 'unreachable', reason: probe.reason ?? 'not_started', detail: probe.detail };
  return { reach: 'unknown', reason: 'never_heard' };
}

function officerRows(db: DB): Row[] {
  return prepared(
    db,
    `SELECT c.id, c.channel, c.chat_id, c.unreachable_at, c.last_inbound_at,
         -- by chat, so the outbox_chat index answers it (contact_id has no index)
         EXISTS (SELECT 1 FROM outbox o WHERE o.channel = c.channel AND o.chat_id = c.chat_id AND o.state = 'sent') AS delivered,
         (SELECT value FROM kv WHERE key = ? || c.id) AS probe
       FROM contacts c WHERE c.role = 'officer' ORDER BY c.id`,
  ).all(PROBE_KEY) as Row[];
}

/**
 * Every officer chat with what we know about reaching it: officer contacts, plus configured
 * WhatsApp numbers that have no contact because no WhatsApp channel runs.
 */
export function officerChats(db: DB, config: Pick<Config, 'OFFICER_TELEGRAM_IDS' | 'OFFICER_WHATSAPP_NUMBERS'>, running: Iterable<ChannelName>, now: number): OfficerChat[] {
  const on = new Set(running);
  const telegram = new Set(config.OFFICER_TELEGRAM_IDS.map((s) => s.trim()));
  const whatsapp = new Set(config.OFFICER_WHATSAPP_NUMBERS.map(digits).filter(Boolean));
  const out: OfficerChat[] = officerRows(db).map((r) => ({
    contactId: r.id,
    channel: r.channel,
    chatId: r.chat_id,
    configured: r.channel === 'telegram' ? telegram.has(r.chat_id) : r.channel.startsWith('whatsapp') ? whatsapp.has(digits(r.chat_id)) : false,
    ...reachOf(r, now),
  }));
  for (const number of config.OFFICER_WHATSAPP_NUMBERS) {
    if (digits(number) && !whatsappChat(number, on)) {
      out.push({ contactId: null, channel: null, chatId: number, configured: true, reach: 'unreachable', reason: 'channel_off' });
    }
  }
  return out;
}

/** `/api/health`'s officers block: officer chats known, and how many can receive an alert now. */
export function officerReachSummary(chats: OfficerChat[]): { configured: number; reachable: number } {
  return { configured: chats.length, reachable: chats.filter((c) => c.reach === 'reachable').length };
}

/** True when an officer dashboard session was active within DASHBOARD_ON_DUTY_MS (hook for the officer workspace). */
export function dashboardOnDuty(db: DB, now: number): boolean {
  const n = prepared(
    db,
    `SELECT COUNT(*) FROM officer_sessions s JOIN officers o ON o.id = s.officer_id
       WHERE o.disabled_at IS NULL AND s.last_seen_at > ? AND s.expires_at > ?`,
  )
    .pluck()
    .get(now - DASHBOARD_ON_DUTY_MS, now) as number;
  return n > 0;
}

/**
 * True when an alert can reach a person now: at least one officer chat is reachable, or an
 * officer is signed in to the dashboard. Only then may the bot say "officers have been alerted".
 */
export function officersOnDuty(db: DB, now: number): boolean {
  return officerRows(db).some((r) => reachOf(r, now).reach === 'reachable') || dashboardOnDuty(db, now);
}

/** Records what a probe found; an unreachable chat is also marked on the contact (as a refused send would). */
export function recordProbe(db: DB, contactId: number, result: ProbeResult, now: number): void {
  db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    `${PROBE_KEY}${contactId}`,
    JSON.stringify({ ...result, at: now }),
  );
  db.prepare('UPDATE contacts SET unreachable_at = ? WHERE id = ?').run(result.reach === 'unreachable' ? now : null, contactId);
}

/** Officer chats worth probing: not heard from, never delivered to, not yet probed. */
export function chatsToProbe(db: DB, now: number): { contactId: number; channel: ChannelName; chatId: string }[] {
  return officerRows(db)
    .filter((r) => r.probe === null && reachOf(r, now).reach === 'unknown')
    .map((r) => ({ contactId: r.id, channel: r.channel, chatId: r.chat_id }));
}
