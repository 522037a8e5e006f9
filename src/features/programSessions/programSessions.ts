/**
 * Programme sessions (skills training and certification, Ruang Rindu): from the programmes menu a
 * person sees a programme's upcoming sessions (home time, place or online, places left), signs up
 * with their name, joins the waitlist when full, cancels, gets a calendar file. Reminders and
 * notices are the gatherings' own (the gatherings job sends them). Officers manage sessions on
 * the dashboard page (dashboardPage.ts).
 */
import type { Flow } from '../../conversation/flow.js';
import type { Feature } from '../feature.js';
import { optionsFromData } from '../kit/optionsFromData.js';
import { sessionsPage } from './dashboardPage.js';
import { ASK_OFFICER, OTHER_PROGRAMS, sessionActions, sessionChecks } from './sessionActions.js';

const yesNo = (question: string, yes: string, no: string) => ({
  menu: question,
  options: [
    { label: 'sessions.confirmYes', next: yes },
    { label: 'sessions.confirmNo', next: no },
  ],
});

/** The flow the programmes menu hands a session programme to (with `program`). */
export const programSessionsFlow: Flow = {
  id: 'programSessions',
  start: 'list',
  steps: {
    list: { call: 'sessions.list', args: { program: '$program' }, on: { none: 'noneMenu' }, next: 'pick' },
    pick: { menu: 'sessions.pick', optionsFrom: 'sessions.options', save: 'occ', next: 'picked' },
    picked: {
      branch: 'occ',
      cases: { [ASK_OFFICER]: { flow: 'assistanceRequest', with: { program: '$program' } }, [OTHER_PROGRAMS]: { flow: 'assistance', step: 'programs' } },
      default: 'detail',
    },
    noneMenu: {
      menu: 'sessions.noneMenu',
      options: [
        { label: 'sessions.askOfficer', next: { flow: 'assistanceRequest', with: { program: '$program' } } },
        { label: 'sessions.otherPrograms', next: { flow: 'assistance', step: 'programs' } },
      ],
    },
    detail: { call: 'sessions.detail', args: { occ: '$occ' }, on: { gone: 'list', signedUp: 'signedUpMenu', waiting: 'waitingMenu', full: 'fullMenu' }, next: 'openMenu' },
    openMenu: {
      menu: 'sessions.whatNext',
      options: [
        { label: 'sessions.signUpOption', next: 'hasName', set: { want: 'signUp' } },
        { label: 'sessions.otherSessions', next: 'list' },
      ],
    },
    fullMenu: {
      menu: 'sessions.whatNext',
      options: [
        { label: 'sessions.joinWaitlist', next: 'hasName', set: { want: 'wait' } },
        { label: 'sessions.otherSessions', next: 'list' },
      ],
    },
    // The name and consent are asked once per flow: someone told "full" after giving them goes straight on.
    hasName: { branch: 'name', cases: { '': 'askName' }, default: 'decide' },
    askName: { ask: 'sessions.askName', check: 'sessions.name', save: 'name', next: 'consent' },
    consent: {
      menu: 'sessions.consent',
      options: [
        { label: 'sessions.agree', next: 'decide' },
        { label: 'sessions.disagree', next: 'declined' },
      ],
    },
    declined: { end: true, say: 'sessions.declined' },
    decide: { branch: 'want', cases: { wait: 'joinWait' }, default: 'signUp' },
    signUp: { call: 'sessions.signUp', args: { occ: '$occ', name: '$name' }, on: { full: 'fullMenu', gone: 'list' }, next: 'end' },
    joinWait: { call: 'sessions.waitlist', args: { occ: '$occ', name: '$name' }, on: { gone: 'list' }, next: 'end' },
    signedUpMenu: {
      menu: 'sessions.whatNext',
      options: [
        { label: 'sessions.cancelOption', next: 'cancelConfirm' },
        { label: 'sessions.calendarOption', next: 'calendar' },
        { label: 'sessions.otherSessions', next: 'list' },
      ],
    },
    waitingMenu: {
      menu: 'sessions.whatNext',
      options: [
        { label: 'sessions.leaveOption', next: 'cancel' },
        { label: 'sessions.otherSessions', next: 'list' },
      ],
    },
    cancelConfirm: yesNo('sessions.confirmCancel', 'cancel', 'end'),
    cancel: { call: 'sessions.cancel', args: { occ: '$occ' }, next: 'end' },
    calendar: { call: 'sessions.calendar', args: { occ: '$occ' }, next: 'end' },
    end: { end: true },
  },
};

export const programSessionsFeature: Feature = {
  name: 'programSessions',
  flows: [programSessionsFlow],
  actions: sessionActions,
  checks: sessionChecks,
  sources: { 'sessions.options': optionsFromData },
  pages: [sessionsPage],
};
