/**
 * The end of an assistance request or a programme application: how to reach the person (this chat,
 * or a phone number they type), then consent to keep what they told, then the save step.
 */
import type { MsgDef, Step, Target } from '../../conversation/flow.js';

/** Steps `reach` → (`phone`) → `consent`, agreeing goes to `save`, declining to `declined`. */
export function reachAndConsentSteps(consent: MsgDef, save: Target, declined: Target): Record<string, Step> {
  return {
    reach: {
      menu: 'assistance.req.reach',
      options: [
        { label: 'assistance.reachChat', next: 'consent', set: { reach: 'chat' } },
        { label: 'assistance.reachPhone', next: 'phone' },
      ],
    },
    phone: { ask: 'assistance.req.phone', check: 'assistance.phone', save: 'reach', next: 'consent' },
    consent: {
      menu: consent,
      options: [
        { label: 'assistance.req.agree', next: save },
        { label: 'assistance.req.disagree', next: declined },
      ],
    },
  };
}
