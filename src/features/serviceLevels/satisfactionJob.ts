/**
 * Puts the satisfaction question to the people of closed cases: every minute, cases closed since
 * SURVEY_MAX_AGE_MS get a pending question for their reporter (or, for an anonymous report, a chat
 * that follows it); each pending question goes out once the person's conversation is free, their
 * safe time allows a message, and is dropped when it could not be asked in time or the case reopened.
 */
import { enqueueSurveys, expireSurveys, markAsked, pendingSurveys } from '../../domain/cases/satisfaction.js';
import { openSurveySession, surveyFit } from '../../domain/cases/satisfactionSession.js';
import type { Job } from '../../scheduler/scheduler.js';
import type { Services } from '../feature.js';
import { satisfactionQuestion } from './satisfactionFlow.js';

/** How often pending questions are looked at. */
export const SATISFACTION_SCHEDULE = '* * * * *';
/** A question not asked within this long after the case closed is dropped (it would come out of the blue). */
export const SURVEY_MAX_AGE_MS = 3 * 86_400_000;

/** One run: queue, expire and ask; returns how many questions went out. */
export function askSatisfaction(services: Services): number {
  const { db, clock, notifier, contacts } = services;
  const now = clock.now();
  return notifier.transaction((out) => {
    enqueueSurveys(db, now - SURVEY_MAX_AGE_MS, now);
    expireSurveys(db, now - SURVEY_MAX_AGE_MS);
    let asked = 0;
    for (const s of pendingSurveys(db)) {
      const contact = contacts.get(s.contactId);
      if (!contact) continue;
      // A question held for the person's safe time could be answered before it is seen: wait for the window.
      if (notifier.safeTimeHold(contact, now)) continue;
      const fit = surveyFit(db, contact.id, contact.lastInboundAt, now);
      if (fit === 'busy') continue;
      openSurveySession(db, contact.id, s, fit === 'idle', now);
      markAsked(db, s.id, now);
      out.to(contact, satisfactionQuestion(s.ref));
      asked++;
    }
    return asked;
  }, now);
}

export const satisfactionJobs = (services: Services): Job[] => [{ name: 'satisfaction-survey', schedule: SATISFACTION_SCHEDULE, run: () => void askSatisfaction(services) }];
