/**
 * The main menu, the language chooser, and what keeps typed text from being lost: a first
 * message that tells a story is offered as a report after the language choice, and text the bot
 * did not understand can be sent to an officer (the toOfficer flow). Also gives the engine the
 * danger-word detector and the menu synonyms (both reviewed lists in data/).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Action } from '../../conversation/actions.js';
import { findDanger } from '../../domain/cases/dangerWords.js';
import { SHIPPED_DATA_DIR } from '../../domain/reference.js';
import type { Feature } from '../feature.js';

/** A quoted story longer than this is cut (with "…") so the question stays on screen. */
export const STORY_QUOTE_CHARS = 300;

/** Menu synonyms (data/menu-synonyms.json), by option value or label key. */
export function menuSynonyms(): Record<string, string[]> {
  return (JSON.parse(fs.readFileSync(path.join(SHIPPED_DATA_DIR, 'menu-synonyms.json'), 'utf8')) as { synonyms: Record<string, string[]> }).synonyms;
}

/** Shows the person the words they wrote first, before asking whether to report them. */
const quoteStory: Action = (_ctx, args) => {
  const text = typeof args.text === 'string' ? args.text : '';
  const quoted = text.length > STORY_QUOTE_CHARS ? `${text.slice(0, STORY_QUOTE_CHARS)}…` : text;
  return { replies: [{ text: { lines: [{ key: 'main.storyQuote' }, { raw: `“${quoted}”` }] } }] };
};

export const mainFeature: Feature = {
  name: 'main',
  // toOfficer ("send this message to an officer") is another feature's flow, given data.text.
  entries: { main: 'main', language: 'language', offerStory: 'story', sendToOfficer: 'toOfficer' },
  danger: (text) => findDanger(text),
  synonyms: menuSynonyms(),
  actions: { 'main.quoteStory': quoteStory },
  flows: [
    {
      id: 'main',
      start: 'menu',
      steps: {
        menu: {
          menu: 'menu.title',
          back: false,
          options: [
            { label: 'menu.report', next: { flow: 'complaint' } },
            { label: 'menu.status', next: { flow: 'casestatus' } },
            { label: 'menu.agency', next: { flow: 'agency' } },
            { label: 'menu.gatherings', next: { flow: 'gatherings' } },
            { label: 'menu.assistance', next: { flow: 'assistance' } },
            { label: 'menu.safety', next: { flow: 'safety' } },
            { label: 'menu.account', next: { flow: 'account' } },
            { label: 'menu.language', next: { flow: 'language' } },
          ],
        },
      },
    },
    {
      id: 'language',
      start: 'choose',
      steps: {
        // The engine matches the answer with these options (by number, name or synonym) and sets
        // the chosen `lang`; it must work before a language is known.
        choose: {
          menu: 'common.chooseLanguage',
          back: false,
          options: [
            { label: 'common.langName.id', next: { flow: 'main' }, set: { lang: 'id' } },
            { label: 'common.langName.en', next: { flow: 'main' }, set: { lang: 'en' } },
            { label: 'common.langName.jv', next: { flow: 'main' }, set: { lang: 'jv' } },
          ],
        },
      },
    },
    {
      // A first message that told a story (data.text), offered after the language choice.
      id: 'story',
      start: 'quote',
      steps: {
        quote: { call: 'main.quoteStory', args: { text: '$text' }, next: 'offer' },
        offer: {
          menu: 'main.storyAsk',
          back: false,
          options: [
            { label: 'main.storyReport', next: { flow: 'complaint', with: { description: '$text' } } },
            { label: 'main.storyToOfficer', next: { flow: 'toOfficer', with: { text: '$text' } } },
            { label: 'main.storyNo', next: 'end' },
          ],
        },
        end: { end: true },
      },
    },
  ],
};
