/**
 * When a worker has died abroad: what the family can do (repatriation of the remains, insurance and
 * social-security claims, which documents to gather), then a report in the "death" category.
 */
import type { Feature } from '../feature.js';

export const deathFeature: Feature = {
  name: 'death',
  flows: [
    {
      id: 'death',
      start: 'info',
      steps: {
        info: { say: 'death.info', next: 'offer' },
        offer: {
          menu: 'death.offer',
          options: [
            // The report skips the category question; the family is reporting for the worker.
            { label: 'death.reportNow', next: { flow: 'complaint', with: { category: 'death' } } },
            { label: 'death.notNow', next: 'end' },
          ],
        },
        end: { end: true },
      },
    },
  ],
};
