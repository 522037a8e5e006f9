/** "Announcements and my data": subscription, and the contact's data rights (UU 27/2022). */
import type { Action } from '../../conversation/actions.js';
import type { Text } from '../../conversation/flow.js';
import type { Feature } from '../feature.js';
import { eraseContactCases } from '../../domain/cases/erasure.js';
import { casesOfReporter } from '../../domain/cases/cases.js';

const subscribe: Action = () => ({ contact: { subscribed: true }, replies: [{ text: { key: 'common.subscribed' } }] });
const unsubscribe: Action = () => ({ contact: { subscribed: false }, replies: [{ text: { key: 'common.unsubscribed' } }] });

/** Shows everything stored about the contact itself. */
const showData: Action = (ctx) => {
  const c = ctx.contact;
  ctx.audit('data_viewed', `contact:${c.id}`);
  const cases = casesOfReporter(ctx.db, c.id);
  const caseLines: Text[] = cases.length
    ? [{ key: 'account.casesTitle', vars: { count: cases.length } }, ...cases.map((k): Text => ({ key: 'account.caseLine', vars: { ref: k.ref, status: { t: `case.statusPlain.${k.status}` } } }))]
    : [{ key: 'account.noCases' }];
  return {
    replies: [
      {
        text: {
          lines: [
            {
              key: 'account.dataSummary',
              vars: {
                channel: c.channel,
                language: { t: `common.langName.${c.language ?? ctx.config.DEFAULT_LANGUAGE}` },
                subscribed: { t: c.subscribed === null ? 'account.notAsked' : c.subscribed ? 'common.yes' : 'common.no' },
                since: new Date(c.createdAt).toISOString().slice(0, 10),
              },
            },
            ...caseLines,
          ],
        },
      },
    ],
  };
};

/**
 * Erases the contact's personal fields. The chat id and chosen language stay only so the
 * conversation can go on in the user's language; later features erase their own rows here too.
 */
const deleteData: Action = (ctx) => {
  ctx.db
    .prepare('UPDATE contacts SET audience = NULL, country = NULL, subscribed = 0, consent_at = NULL, safe_window = NULL, safe_zone = NULL WHERE id = ?')
    .run(ctx.contact.id);
  // Cases keep only anonymous statistics (category, country, month, outcome); their files go.
  const erased = eraseContactCases(ctx.db, ctx.contact.id, ctx.config.DATA_DIR, ctx.now);
  // Delivered messages to this contact held rendered text (summaries, officer replies).
  ctx.db.prepare("DELETE FROM outbox WHERE contact_id = ? AND state IN ('sent', 'failed', 'skipped', 'cancelled')").run(ctx.contact.id);
  // Assistance requests are cases: eraseContactCases above covered them.
  for (const table of ['gathering_reminders', 'gathering_rsvps']) {
    ctx.db.prepare(`DELETE FROM ${table} WHERE contact_id = ?`).run(ctx.contact.id);
  }
  // The web chat keeps the visible conversation; it goes too (the confirmation comes after).
  // Its uploaded files too (the channel's next sweep removes files whose row is gone).
  if (ctx.contact.channel === 'webchat') {
    ctx.db.prepare('DELETE FROM webchat_messages WHERE chat_id = ?').run(ctx.contact.chatId);
    ctx.db.prepare('DELETE FROM webchat_uploads WHERE chat_id = ?').run(ctx.contact.chatId);
  }
  ctx.audit('data_deleted', `contact:${ctx.contact.id}`, `cases=${erased.cases} files=${erased.files}`);
  return { replies: [{ text: { key: 'account.deleted' } }] };
};

export const accountFeature: Feature = {
  name: 'account',
  // DESIGN §7: "data saya"/"my data" and "hapus data"/"delete my data" work from anywhere.
  words: {
    myData: { forms: ['data saya', 'my data', '/mydata', 'dataku', 'data kula'], flow: 'mydata' },
    deleteData: { forms: ['hapus data', 'delete my data', '/deletedata', 'hapus data saya', 'busak data'], flow: 'deletedata' },
  },
  actions: {
    'account.subscribe': subscribe,
    'account.unsubscribe': unsubscribe,
    'account.showData': showData,
    'account.deleteData': deleteData,
  },
  flows: [
    {
      id: 'account',
      start: 'menu',
      steps: {
        menu: {
          menu: 'account.title',
          options: [
            { label: 'account.subscribe', next: 'subscribe' },
            { label: 'account.unsubscribe', next: 'unsubscribe' },
            { label: 'account.myData', next: { flow: 'mydata' } },
            { label: 'account.deleteData', next: { flow: 'deletedata' } },
            { label: 'safeTime.menuItem', next: { flow: 'safetime' } },
          ],
        },
        subscribe: { call: 'account.subscribe', next: 'end' },
        unsubscribe: { call: 'account.unsubscribe', next: 'end' },
        end: { end: true },
      },
    },
    {
      id: 'mydata',
      start: 'show',
      steps: {
        show: { call: 'account.showData', next: 'end' },
        end: { end: true },
      },
    },
    {
      id: 'deletedata',
      start: 'confirm',
      steps: {
        confirm: {
          menu: 'account.deleteConfirm',
          options: [
            { label: 'account.deleteYes', next: 'delete' },
            { label: 'account.deleteNo', next: 'kept' },
          ],
        },
        delete: { call: 'account.deleteData', next: 'done' },
        done: { end: true },
        kept: { end: true, say: 'account.kept' },
      },
    },
  ],
};
