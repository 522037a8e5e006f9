/** The offer of discreet mode that ends a contact's first report. */
import type { ActionContext } from '../../conversation/actions.js';
import type { Reply } from '../../conversation/flow.js';
import { casesOfReporter } from '../../domain/cases/cases.js';

/** After a contact's first report, the emergency contacts end with the offer of discreet mode (the phone may be read by others). */
export function withDiscreetOffer(ctx: ActionContext, reply: Reply): Reply {
  if (ctx.contact.discreet || casesOfReporter(ctx.db, ctx.contact.id).length !== 1) return reply;
  return { ...reply, text: { lines: [reply.text, { key: 'discreet.offer' }] } };
}
