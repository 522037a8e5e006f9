/** The contact's delivery window after a report: it follows the report's latest choice. */
import type { ActionContext } from '../../conversation/actions.js';
import { setContactWindow } from '../../domain/delivery/safeWindows.js';
import { isSafeWindow } from '../../outbox/safeTime.js';
import { zoneFromData } from '../kit/safeTimeSteps.js';

/** "Only at a safer time" stores the window; "any time" clears an earlier one; anonymous reports change nothing. */
export function keepDeliveryWindow(ctx: ActionContext, anonymous: boolean): void {
  const d = ctx.data;
  if (anonymous) return;
  if (d.contactPref === 'safe_time' && isSafeWindow(d.safeTime)) {
    setContactWindow(ctx.db, ctx.contact.id, d.safeTime, zoneFromData(d, ctx.contact.country) ?? null, ctx.now, ctx.config.HOME_TIMEZONE);
  } else if (d.contactPref === 'any' && ctx.contact.safeWindow) {
    setContactWindow(ctx.db, ctx.contact.id, null, null, ctx.now, ctx.config.HOME_TIMEZONE);
  }
}
