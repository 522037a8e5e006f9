/** The main menu and the language chooser (DESIGN §4). */
import type { Feature } from '../feature.js';

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
  ],
};
