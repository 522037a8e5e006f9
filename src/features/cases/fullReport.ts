/**
 * The full report after the urgent path: it fills the urgent case opened at once (same reference,
 * a new PIN shown once), instead of opening another.
 */
import type { ActionContext } from '../../conversation/actions.js';
import type { ActionResult, Json } from '../../conversation/flow.js';
import { linkCaseAgency } from '../../domain/cases/agency.js';
import { fullReportAlert, notifyOfficers } from '../../domain/cases/alerts.js';
import { type Case, addEvent, caseById } from '../../domain/cases/cases.js';
import { completeEmergencyCase } from '../../domain/cases/emergency.js';
import { emergencyContactsReply } from '../kit/emergencyContacts.js';
import { verifiedHotlineIds } from '../../domain/hotlineVerification.js';
import { reportFields } from './reportFields.js';
import { type EvidenceItem, addPendingAttachment } from '../../domain/cases/evidence.js';
import { officersOnDuty } from '../../domain/officers/reach.js';
import { keepDeliveryWindow } from './deliveryWindow.js';
import { withDiscreetOffer } from './discreetOffer.js';
import { homeFromData } from '../kit/homeSteps.js';
import { caseHome, setCaseHome } from '../../domain/places.js';

const str = (v: Json | undefined): string | null => (typeof v === 'string' && v.length ? v : null);

/** The full report after the urgent path: fills the same case (same reference, a new PIN shown once). */
export function completeUrgent(ctx: ActionContext, c: Case): ActionResult {
  const d = ctx.data;
  const anonymous = d.anonymous === true;
  const country = str(d.country);
  const pin = completeEmergencyCase(ctx.db, c, reportFields(ctx), ctx.now, ctx.config.DATA_DIR);
  for (const item of (Array.isArray(d.evidence) ? d.evidence : []) as unknown as EvidenceItem[]) {
    const attachmentId = addPendingAttachment(ctx.db, c.id, ctx.contact.channel, item, ctx.now);
    addEvent(ctx.db, c.id, ctx.now, 'reporter', 'attachment', { attachmentId });
  }
  linkCaseAgency(ctx.db, c.id, str(d.agencyName), ctx.now, ctx.config.HOME_TIMEZONE);
  keepDeliveryWindow(ctx, anonymous);
  // Not asked on the urgent path, but the person may have added it from the summary.
  const home = homeFromData(d);
  if (home.district || home.village) setCaseHome(ctx.db, c.id, home.district, home.village);
  const filled = caseById(ctx.db, c.id) as Case;
  const stored = caseHome(ctx.db, c.id);
  notifyOfficers(ctx.db, ctx.notify, (lang) => fullReportAlert(filled, lang, stored), undefined, undefined, { caseId: filled.id, now: ctx.now });
  ctx.audit('case_full_report', c.ref, anonymous ? 'anonymous' : undefined);
  if (!anonymous) ctx.contacts.recordConsent(ctx.contact.id, ctx.now);
  const onDuty = officersOnDuty(ctx.db, ctx.now);
  return {
    contact: anonymous ? undefined : { audience: d.onBehalf === 'family' ? 'family' : 'worker', ...(country && country !== 'OTHER' ? { country } : {}) },
    // The reference and PIN come last so they stay on screen.
    replies: [
      { text: { key: anonymous ? 'complaint.nextAnonymous' : onDuty ? 'complaint.nextUrgent' : 'complaint.nextUrgentNobody', vars: { ref: c.ref } } },
      withDiscreetOffer(ctx, emergencyContactsReply(country && country !== 'OTHER' ? country : ctx.contact.country, { verified: verifiedHotlineIds(ctx.db), lang: ctx.contact.language })),
      { text: { key: 'complaint.created', vars: { ref: c.ref, pin } } },
    ],
  };
}
