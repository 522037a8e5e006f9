/**
 * "Send this message to an officer": text the bot did not understand (or a first message that told
 * a story) is stored where officers read it. The minimal version, kept in its own feature on
 * purpose: the cases feature's case threads replace it (same flow id, action name and texts).
 */
import type { Action } from '../../conversation/actions.js';
import type { Feature } from '../feature.js';
import { announceNewCase } from '../../domain/cases/alerts.js';
import { MAX_CASE_TEXT, caseById, casesOfReporter, createCase, isOpen } from '../../domain/cases/cases.js';
import { addReporterInfo } from '../../domain/cases/ops.js';

/**
 * Adds `args.text` to the contact's newest open case (the assigned officer, or all officers, get
 * it), or opens a new case ('other') that holds it and alerts officers. Audited either way.
 */
export const sendToOfficer: Action = (ctx, args) => {
  const text = typeof args.text === 'string' ? args.text.trim().slice(0, MAX_CASE_TEXT) : '';
  if (!text) return { outcome: 'empty' };
  const open = casesOfReporter(ctx.db, ctx.contact.id).find(isOpen);
  if (open) {
    addReporterInfo(ctx.db, ctx.notify, open, { text, channel: ctx.contact.channel }, ctx.now);
    ctx.audit('message_to_officer', open.ref);
    return { replies: [{ text: { key: 'toOfficer.added', vars: { ref: open.ref } } }] };
  }
  const created = createCase(ctx.db, {
    reporterContactId: ctx.contact.id,
    category: 'other',
    description: text,
    country: ctx.contact.country,
    language: ctx.contact.language ?? ctx.config.DEFAULT_LANGUAGE,
    now: ctx.now,
    config: ctx.config,
  });
  announceNewCase(ctx.db, ctx.notify, caseById(ctx.db, created.id)!);
  ctx.audit('case_created', created.ref, 'message_to_officer');
  // The PIN is never put in the session: only this outbox row carries it to the person.
  return { replies: [{ text: { key: 'toOfficer.created', vars: { ref: created.ref, pin: created.pin } } }] };
};

export const toOfficerFeature: Feature = {
  name: 'toOfficer',
  actions: { sendToOfficer },
  flows: [
    {
      // The engine's sendToOfficer entry (registered by the main feature), with data.text.
      id: 'toOfficer',
      start: 'send',
      steps: {
        send: { call: 'sendToOfficer', args: { text: '$text' }, next: 'end' },
        end: { end: true },
      },
    },
  ],
};
