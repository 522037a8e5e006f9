/** The main menu and the language chooser (DESIGN §4). */
import type { Feature } from '../conversation/registry.js';

/** Features not built yet lead here: an honest "coming soon" and back to the menu. */
const soon = (feature: string) => ({ flow: 'soon', with: { feature: `@${feature}` } });

export const mainFeature: Feature = {
  name: 'main',
  flows: [
    {
      id: 'main',
      start: 'menu',
      steps: {
        menu: {
          menu: 'menu.title',
          back: false,
          options: [
            { label: 'menu.report', next: soon('menu.report') },
            { label: 'menu.status', next: soon('menu.status') },
            { label: 'menu.agency', next: soon('menu.agency') },
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
        // The engine matches the answer itself (it must work before a language is known).
        choose: {
          menu: 'common.chooseLanguage',
          back: false,
          options: [
            { label: 'common.langName.id', next: { flow: 'main' } },
            { label: 'common.langName.en', next: { flow: 'main' } },
            { label: 'common.langName.jv', next: { flow: 'main' } },
          ],
        },
      },
    },
    {
      id: 'soon',
      start: 'say',
      steps: {
        say: { say: { key: 'common.comingSoon', vars: { feature: '$feature' } }, next: 'end' },
        end: { end: true },
      },
    },
  ],
};
