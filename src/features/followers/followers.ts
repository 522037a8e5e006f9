/**
 * Family followers: from "Check my report" a reporter gives a relative a one-time follow code, and
 * sees and removes followers; the relative sends `ikuti KODE` / `follow CODE` / `tut KODE` (any
 * state, any channel) and then receives the case's status notices.
 */
import type { TextTrigger } from '../../conversation/flow.js';
import { parseCode } from '../../domain/broadcasts/verifyCode.js';
import type { Feature } from '../feature.js';
import { followersActions, followersChecks, followersSources } from './followersActions.js';

export const FOLLOW_FLOW = 'follow';
export const FOLLOWERS_FLOW = 'followers';
/** The words, in Indonesian, English and Javanese (and as commands). */
export const FOLLOW_WORDS = ['ikuti', 'follow', 'tut', '/ikuti', '/follow', '/tut'] as const;

const trigger: TextTrigger = { words: FOLLOW_WORDS, flow: FOLLOW_FLOW, accepts: (rest) => !rest || parseCode(rest) !== null, exact: (rest) => parseCode(rest) !== null };

export const followersFeature: Feature = {
  name: 'followers',
  triggers: [trigger],
  actions: followersActions,
  checks: followersChecks,
  sources: followersSources,
  flows: [
    {
      // The relative's side: enter a code.
      id: FOLLOW_FLOW,
      start: 'redeem',
      steps: {
        redeem: { call: 'follow.redeem', args: { text: '$args' }, on: { empty: 'ask', noLang: { flow: 'language' } }, next: 'end' },
        ask: { ask: 'follow.ask', check: 'follow.code', save: 'args', next: 'redeem' },
        end: { end: true },
      },
    },
    {
      // The reporter's side: codes and the list of followers.
      id: FOLLOWERS_FLOW,
      start: 'begin',
      steps: {
        begin: { call: 'follow.begin', on: { some: 'pick' }, next: 'end' },
        pick: { menu: 'follow.pickCase', optionsFrom: 'follow.cases', save: 'caseId', next: 'menu' },
        menu: {
          menu: 'follow.menu',
          options: [
            { label: 'follow.newCode', next: 'codeStatus' },
            { label: 'follow.newCodeDetails', next: 'codeDetails' },
            { label: 'follow.seeFollowers', next: 'list' },
          ],
        },
        codeStatus: { call: 'follow.newCode', args: { details: 'no' }, next: 'end' },
        codeDetails: { call: 'follow.newCode', args: { details: 'yes' }, next: 'end' },
        list: { call: 'follow.list', on: { some: 'removeWhich' }, next: 'end' },
        removeWhich: { menu: 'follow.removeWhich', optionsFrom: 'follow.followers', save: 'followerId', next: 'remove' },
        remove: { call: 'follow.remove', next: 'end' },
        end: { end: true },
      },
    },
  ],
};
