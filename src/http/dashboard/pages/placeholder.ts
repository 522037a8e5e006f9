/** An honest page for a dashboard area whose feature is not merged yet. */
import { html } from '../../html.js';
import type { DashboardPage } from '../page.js';

/** A listed page that says which feature will fill it. Replace the entry in pages/index.ts with the real page. */
export function placeholderPage(path: string, titleKey: string, nav: number): DashboardPage {
  return {
    path,
    titleKey,
    nav,
    mount(r, kit) {
      r.get('/', (_req, res) => {
        const title = kit.t(titleKey);
        kit.render(res, { title, body: html`<p class="notice">${kit.t('dashboard.placeholder', { feature: title })}</p>` });
      });
    },
  };
}
