/**
 * WhatsApp's 24-hour customer service window: free-form messages (text, lists) may only be sent
 * within 24 hours of the contact's last message; after that only approved templates (see
 * sendOutsideWindow.ts). A message that cannot go out as a template is refused here: the outbox row
 * is skipped as 'needs_template', counted for the health page, and officers are told (once per
 * contact per day, capped per day).
 */
import { DateTime } from 'luxon';
import { SendError } from '../../core/errors.js';
import type { Services } from '../../features/services.js';
import { chatTag } from '../../logger.js';
import { KeyValueStore } from '../../store/kv.js';

export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Reason stored in outbox.last_error for messages held back outside the window. */
export const NEEDS_TEMPLATE = 'needs_template';
/** Officer notices per day at most, so a broadcast to many silent contacts does not flood officers. */
export const MAX_NOTICES_PER_DAY = 20;
const NOTICE_KEY = 'whatsapp-cloud:needs-template-notice:';

export class ServiceWindow {
  /** Messages held back since start (shown in /api/health). */
  heldBack = 0;
  private noticeDay = '';
  private noticesToday = 0;
  private readonly kv: KeyValueStore;

  constructor(private readonly services: Services) {
    this.kv = new KeyValueStore(services.db);
  }

  /** True when free-form messages cannot reach this chat now (its last message is over 24 hours old). */
  isOutside(chatId: string): boolean {
    const last = this.services.contacts.find('whatsapp-cloud', chatId)?.lastInboundAt ?? null;
    return last === null || this.services.clock.now() - last > SERVICE_WINDOW_MS;
  }

  /** Counts the message as not sent, tells officers (throttled) and throws the 'skipped' SendError (`detail`: why, e.g. Graph's error). */
  refuse(chatId: string, detail?: string): never {
    const { contacts, clock, log } = this.services;
    const contact = contacts.find('whatsapp-cloud', chatId);
    const now = clock.now();
    const last = contact?.lastInboundAt ?? null;
    this.heldBack++;
    log.info({ chat: chatTag('whatsapp-cloud', chatId) }, 'outside the 24-hour window: message held back (needs a template)');
    if (contact) this.tellOfficers(contact.id, chatId, last, now);
    throw new SendError(detail ? `${NEEDS_TEMPLATE}: ${detail}` : NEEDS_TEMPLATE, 'skipped');
  }

  private tellOfficers(contactId: number, chatId: string, lastInboundAt: number | null, now: number): void {
    const { config, contacts, log } = this.services;
    const day = DateTime.fromMillis(now, { zone: config.HOME_TIMEZONE }).toISODate() ?? '';
    if (day !== this.noticeDay) {
      this.noticeDay = day;
      this.noticesToday = 0;
    }
    if (this.noticesToday >= MAX_NOTICES_PER_DAY) return;
    if (!this.kv.setIfChanged(NOTICE_KEY + contactId, day)) return; // already told today
    this.noticesToday++;
    const hours = lastInboundAt === null ? '?' : String(Math.floor((now - lastInboundAt) / 3_600_000));
    const officers = contacts.officers().filter((o) => o.id !== contactId);
    if (!officers.length) log.warn('a WhatsApp message needs a template but no officer is registered to be told');
    for (const o of officers) {
      this.services.notifier.notify(o.id, { text: { key: 'channels.whatsappNeedsTemplate', vars: { chat: chatId, hours } } });
    }
  }
}
