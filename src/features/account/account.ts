/** "Announcements and my data": subscription, and the contact's data rights (UU 27/2022). */
import type { Action } from '../../conversation/actions.js';
import type { Text } from '../../conversation/flow.js';
import type { Feature } from '../feature.js';
import { eraseContactData } from '../../domain/contacts/erasure.js';
import { casesOfReporter } from '../../domain/cases/cases.js';
import { statusWords } from '../../domain/assistance/applications.js';
import { sessionWhen } from '../../domain/gatherings/sessionText.js';
import { fillFromWaitlist, sessionsOfContact } from '../../domain/gatherings/sessions.js';
import { gatheringSettings } from '../../domain/gatherings/settings.js';
import { titleIn } from '../../domain/gatherings/time.js';

const subscribe: Action = () => ({ contact: { subscribed: true }, replies: [{ text: { key: 'common.subscribed' } }] });
const unsubscribe: Action = () => ({ contact: { subscribed: false }, replies: [{ text: { key: 'common.unsubscribed' } }] });

/** Shows everything stored about the contact itself. */
const showData: Action = (ctx) => {
  const c = ctx.contact;
  ctx.audit('data_viewed', `contact:${c.id}`);
  const cases = casesOfReporter(ctx.db, c.id);
  const caseLines: Text[] = cases.length
    ? [{ key: 'account.casesTitle', vars: { count: cases.length } }, ...cases.map((k): Text => ({ key: 'account.caseLine', vars: { ref: k.ref, status: statusWords(ctx.db, k) } }))]
    : [{ key: 'account.noCases' }];
  // Programme sessions the contact signed up for or waits for, with the name they gave.
  const sessionLines = sessionsOfContact(ctx.db, c.id, ctx.now).map(
    (s): Text => ({
      key: s.waiting ? 'sessions.myDataWaiting' : 'sessions.myDataSignedUp',
      vars: { title: titleIn(s.o.title, ctx.lang), when: sessionWhen(s.o, ctx.lang, gatheringSettings(ctx.config)), name: s.name ?? '-' },
    }),
  );
  return {
    replies: [
      {
        text: {
          lines: [
            {
              key: 'account.dataSummary',
              vars: {
                channel: c.channel,
                language: { t: `common.langName.${ctx.lang}` },
                subscribed: { t: c.subscribed === null ? 'account.notAsked' : c.subscribed ? 'common.yes' : 'common.no' },
                since: new Date(c.createdAt).toISOString().slice(0, 10),
              },
            },
            ...caseLines,
            ...sessionLines,
          ],
        },
      },
    ],
  };
};

/** Erases the contact's personal data (domain/contacts/erasure.ts says what goes and what stays). */
const deleteData: Action = (ctx) => {
  // Places the contact held in programme sessions go to the first ones waiting, who are told.
  const held = sessionsOfContact(ctx.db, ctx.contact.id, ctx.now).filter((s) => !s.waiting);
  const erased = eraseContactData(ctx.db, ctx.contact, ctx.config.DATA_DIR, ctx.now);
  for (const s of held) fillFromWaitlist(ctx.db, s.o.id, ctx.now, (cid, reply) => ctx.notify(cid, reply), gatheringSettings(ctx.config));
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
