/**
 * The case page in a real browser: a reply held for the reporter's safe time shows when it will
 * be delivered ("… their time (Hong Kong)"), and "Send now" needs the tick box and the browser's
 * confirmation before it releases the message.
 */
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { systemClock } from '../../core/clock.js';
import { caseByRef, createCase } from '../../domain/cases/cases.js';
import { replyToReporter } from '../../domain/cases/ops.js';
import { setContactWindow } from '../../domain/delivery/safeWindows.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { type SafeWindow, WINDOW_HOURS, nextSafeTime } from '../../outbox/safeTime.js';
import { launchBrowser } from '../../testing/browser.js';
import { TestUser, createTestApp, testConfig } from '../../testing/harness.js';

const PASSWORD = 'correct horse battery staple';
const HK = 'Asia/Hong_Kong';
let app: App;
afterEach(async () => {
  await app?.stop();
});

/** A window that is closed now in Hong Kong (so the reply is held whatever the real time is). */
function closedWindow(now: number): SafeWindow {
  const hour = DateTime.fromMillis(now, { zone: HK }).hour;
  const { from, to } = WINDOW_HOURS.morning;
  return hour >= from && hour < to ? 'evening' : 'morning';
}

describe('dashboard: held delivery and send now', () => {
  it('shows the delivery time in the reporter’s zone and sends now only after confirming', { timeout: 30_000 }, async () => {
    app = createTestApp({ config: testConfig({ DEFAULT_LANGUAGE: 'en' }), http: true, clock: systemClock });
    await app.start();
    const base = `http://127.0.0.1:${app.port}`;
    await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'officer' }, Date.now());
    const worker = new TestUser(app);
    await worker.start('en');
    const id = worker.contact()!.id;
    const now = Date.now();
    const window = closedWindow(now);
    const ref = app.notifier.transaction((out) => {
      app.db.prepare("UPDATE contacts SET country = 'HK' WHERE id = ?").run(id);
      setContactWindow(app.db, id, window, HK, now, 'Asia/Jakarta');
      const created = createCase(app.db, { reporterContactId: id, category: 'wages_unpaid', country: 'HK', contactPref: 'safe_time', safeTime: window, now, config: app.config });
      replyToReporter(app.db, out.toContact, caseByRef(app.db, created.ref)!, 'api', 'We are calling your employer.', now);
      return created.ref;
    });
    const at = DateTime.fromMillis(nextSafeTime(window, HK, now)!, { zone: HK });
    const time = at.hasSame(DateTime.fromMillis(now, { zone: HK }), 'day') ? at.toFormat('HH:mm') : `${at.toFormat('ccc')} ${at.toFormat('HH:mm')}`;
    const held = () => app.db.prepare("SELECT COUNT(*) FROM outbox WHERE contact_id = ? AND hold_reason = 'safe_time'").pluck().get(id) as number;
    expect(held()).toBe(1);

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(8000);
      await page.goto(`${base}/dashboard`);
      await page.fill('input[name=username]', 'ana');
      await page.fill('input[name=password]', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForLoadState();
      await page.goto(`${base}/dashboard/cases/${ref}`);
      await expect.poll(() => page.textContent('#held-delivery')).toBe(`1 message(s) to the reporter are waiting: will be delivered at ${time} their time (Hong Kong).`);
      expect(await page.textContent('.fields')).toContain('this chat, only at: ' + app.translator.t('en', `safeTime.window.${window}`));

      // Without the tick box the browser does not submit; nothing is sent.
      await page.click('form.held button[type=submit]');
      expect(held()).toBe(1);
      // A script-less post without the confirmation is refused by the server too.
      const form = page.locator('form.held');
      const token = await form.locator('input[name=_csrf]').getAttribute('value');
      const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const bare = await fetch(`${base}/dashboard/cases/${ref}/sendnow`, { method: 'POST', redirect: 'manual', headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(token ?? '')}` });
      expect(bare.headers.get('location')).toContain('done=notConfirmed');
      expect(held()).toBe(1);

      await page.check('form.held input[name=confirm]');
      page.once('dialog', (d) => void d.accept());
      await page.click('form.held button[type=submit]');
      await page.waitForURL(/done=sentNow/);
      expect(await page.textContent('.flash')).toBe(app.translator.t('en', 'dashboard.cases.done.sentNow'));
      expect(held()).toBe(0);
      expect(await page.locator('#held-delivery').count()).toBe(0);
      expect(app.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'case_send_now'").pluck().get()).toBe(1);
    } finally {
      await browser.close();
    }
  });
});
