/**
 * Broadcasts: officers compose announcements by a guided `/broadcast`, follow them with
 * `/broadcasts` and cancel with `/cancelbroadcast ID`; new contacts are asked once whether they
 * want announcements. Also the officer API (/api/broadcasts) and the every-minute job.
 */
import type { Feature } from '../feature.js';
import { broadcastJobs } from './job.js';
import { MAX_BROADCAST_CHARS } from '../../domain/broadcasts/payload.js';
import { broadcastApi } from './api.js';
import { broadcastActions, broadcastChecks, broadcastSources } from './broadcastActions.js';
import { broadcastsPage } from './dashboardPage.js';

/** Asked once, right after a new contact's first language choice. */
export const ASK_SUBSCRIBE_FLOW = 'askSubscribe';

export const broadcastFeature: Feature = {
  name: 'broadcasts',
  entries: { afterFirstLanguage: ASK_SUBSCRIBE_FLOW },
  pages: [broadcastsPage],
  actions: broadcastActions,
  checks: broadcastChecks,
  sources: broadcastSources,
  commands: {
    broadcast: { target: { flow: 'broadcast' }, officerOnly: true },
    broadcasts: { target: { flow: 'broadcastList' }, officerOnly: true },
    cancelbroadcast: { target: { flow: 'broadcastCancel' }, officerOnly: true },
  },
  api: broadcastApi,
  jobs: broadcastJobs,
  flows: [
    {
      id: 'broadcast',
      start: 'begin',
      steps: {
        begin: { call: 'broadcast.begin', next: 'audience' },
        audience: {
          menu: 'broadcast.askAudience',
          options: [
            { label: 'broadcast.audience.everyone', set: { aKind: 'everyone' }, next: 'textId' },
            { label: 'broadcast.audience.workers', set: { aKind: 'workers' }, next: 'textId' },
            { label: 'broadcast.audience.families', set: { aKind: 'families' }, next: 'textId' },
            { label: 'broadcast.audience.country', set: { aKind: 'country' }, next: 'country' },
            { label: 'broadcast.audience.language', set: { aKind: 'language' }, next: 'language' },
            { label: 'broadcast.audience.gathering', set: { aKind: 'gathering' }, next: 'loadGatherings' },
          ],
        },
        country: { menu: 'broadcast.askCountry', optionsFrom: 'broadcast.countries', save: 'aValue', next: 'textId' },
        language: { menu: 'broadcast.askLanguage', optionsFrom: 'broadcast.languages', save: 'aValue', next: 'textId' },
        loadGatherings: { call: 'broadcast.loadGatherings', on: { none: 'noGatherings' }, next: 'gathering' },
        noGatherings: { say: 'broadcast.noGatherings', next: 'audience' },
        gathering: { menu: 'broadcast.askGathering', optionsFrom: 'broadcast.gatherings', save: 'aValue', next: 'textId' },
        textId: { ask: { key: 'broadcast.askTextId', vars: { max: String(MAX_BROADCAST_CHARS) } }, check: 'broadcast.text', save: 'texts.id', next: 'textEn' },
        textEn: { ask: 'broadcast.askTextEn', check: 'broadcast.text', save: 'texts.en', optional: true, next: 'textJv' },
        textJv: { ask: 'broadcast.askTextJv', check: 'broadcast.text', save: 'texts.jv', optional: true, next: 'urgency' },
        urgency: {
          menu: 'broadcast.askUrgent',
          options: [
            { label: 'broadcast.normal', set: { urgent: false }, next: 'when' },
            { label: 'broadcast.urgent', set: { urgent: true }, next: 'when' },
          ],
        },
        when: { ask: { key: 'broadcast.askWhen', vars: { zone: '$zone' } }, check: 'broadcast.when', save: 'at', next: 'preview' },
        preview: { call: 'broadcast.preview', on: { unavailable: 'audience' }, next: 'confirm' },
        confirm: {
          menu: 'broadcast.askConfirm',
          options: [
            { label: 'broadcast.confirmSend', next: 'create' },
            { label: 'broadcast.confirmDiscard', next: 'discarded' },
          ],
        },
        create: { call: 'broadcast.create', next: 'end' },
        discarded: { end: true, say: 'broadcast.discarded' },
        end: { end: true },
      },
    },
    {
      id: 'broadcastList',
      start: 'list',
      steps: { list: { call: 'broadcast.list', next: 'end' }, end: { end: true } },
    },
    {
      id: 'broadcastCancel',
      start: 'cancel',
      steps: { cancel: { call: 'broadcast.cancel', args: { id: '$args' }, next: 'end' }, end: { end: true } },
    },
    {
      // The engine leads a new contact here once, right after the first language choice.
      id: ASK_SUBSCRIBE_FLOW,
      start: 'ask',
      steps: {
        ask: {
          menu: 'broadcast.askSubscribe',
          back: false,
          options: [
            { label: 'broadcast.subscribeYes', next: 'yes' },
            { label: 'broadcast.subscribeNo', next: 'no' },
          ],
        },
        yes: { call: 'broadcast.optIn', next: 'end' },
        no: { call: 'broadcast.optOut', next: 'end' },
        end: { end: true },
      },
    },
  ],
};
