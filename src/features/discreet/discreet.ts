/**
 * Discreet mode, for a phone others (an employer) may read: every bot message starts with a
 * neutral line (the notifier adds it), case details are shown only after the PIN, and on Telegram
 * the bot deletes its own messages that carry the reference or PIN, or all of the last 48 hours;
 * where a platform cannot delete (WhatsApp), the bot says how to clear the chat by hand.
 * Reached from the safety menu, by the word `rahasia`/`discreet`/`wados`, and offered after a
 * contact's first report.
 */
import type { Action } from '../../conversation/actions.js';
import type { ActionResult, Reply, TextTrigger } from '../../conversation/flow.js';
import { deletableMessages } from '../../domain/discreet.js';
import type { Feature } from '../feature.js';

/** Telegram lets a bot delete its messages for this long. */
export const TELEGRAM_DELETE_WINDOW_MS = 48 * 3600_000;
export const DISCREET_FLOW = 'discreet';
/** Words that open the discreet-mode menu from anywhere. */
export const DISCREET_WORDS = ['rahasia', 'discreet', 'wados', '/discreet', '/rahasia'] as const;

const state: Action = (ctx): ActionResult => ({ outcome: ctx.contact.discreet ? 'on' : 'off' });

const set: Action = (ctx, args): ActionResult => {
  const on = args.on === 'yes';
  ctx.audit(on ? 'discreet_on' : 'discreet_off');
  return { contact: { discreet: on }, replies: [{ text: { key: on ? 'discreet.turnedOn' : 'discreet.turnedOff' } }] };
};

/** Deletes (Telegram) or explains how to clear the chat (other platforms). */
const clear: Action = (ctx, args): ActionResult => {
  const channel = ctx.contact.channel;
  if (channel !== 'telegram') {
    const key = channel === 'whatsapp-web' || channel === 'whatsapp-cloud' ? 'discreet.howToClearWhatsApp' : 'discreet.howToClearOther';
    return { replies: [{ text: { key } }] };
  }
  const ids = deletableMessages(ctx.db, ctx.contact.id, ctx.now - TELEGRAM_DELETE_WINDOW_MS, args.scope === 'case' ? ctx.config.CASE_PREFIX : undefined);
  if (!ids.length) return { replies: [{ text: { key: 'discreet.nothingToDelete' } }] };
  ctx.audit('discreet_deleted', undefined, String(ids.length));
  // One outbox row: the channel deletes first, then sends this confirmation.
  const reply: Reply = { text: { key: 'discreet.deleted', vars: { count: ids.length } }, deleteMessageIds: ids };
  ctx.notify(ctx.contact.id, reply);
  return {};
};

/** After "I have written down my reference and PIN": a discreet contact's messages carrying them are deleted (Telegram). */
const afterNoted: Action = (ctx): ActionResult => {
  if (!ctx.contact.discreet || ctx.contact.channel !== 'telegram') return {};
  return clear(ctx, { scope: 'case' });
};

const trigger: TextTrigger = { words: DISCREET_WORDS, flow: DISCREET_FLOW, accepts: (rest) => !rest, exact: () => false };

export const discreetFeature: Feature = {
  name: 'discreet',
  triggers: [trigger],
  actions: { 'discreet.state': state, 'discreet.set': set, 'discreet.clear': clear, 'discreet.afterNoted': afterNoted },
  flows: [
    {
      id: DISCREET_FLOW,
      start: 'state',
      steps: {
        state: { call: 'discreet.state', on: { on: 'menuOn' }, next: 'menuOff' },
        menuOff: {
          menu: 'discreet.explainOff',
          options: [
            { label: 'discreet.turnOn', next: 'setOn' },
            { label: 'discreet.clearCase', next: 'clearCase' },
            { label: 'discreet.clearAll', next: 'clearAll' },
          ],
        },
        menuOn: {
          menu: 'discreet.explainOn',
          options: [
            { label: 'discreet.turnOff', next: 'setOff' },
            { label: 'discreet.clearCase', next: 'clearCase' },
            { label: 'discreet.clearAll', next: 'clearAll' },
          ],
        },
        setOn: { call: 'discreet.set', args: { on: 'yes' }, next: 'end' },
        setOff: { call: 'discreet.set', args: { on: 'no' }, next: 'end' },
        clearCase: { call: 'discreet.clear', args: { scope: 'case' }, next: 'end' },
        clearAll: { call: 'discreet.clear', args: { scope: 'all' }, next: 'end' },
        end: { end: true },
      },
    },
  ],
};
