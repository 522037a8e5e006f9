/** The case page shows what chat /case shows: the linked register entry and a request's own fields. */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../app.js';
import { linkCaseAgency } from '../../../domain/cases/agency.js';
import { caseById, createCase } from '../../../domain/cases/cases.js';
import { setCaseHome } from '../../../domain/places.js';
import { createTestApp } from '../../../testing/harness.js';
import { html } from '../../kit/html.js';
import type { DashboardKit } from '../../kit/dashboard/page.js';
import { caseView } from './caseView.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

function kit(a: App): DashboardKit {
  return {
    services: a.services,
    lang: 'en',
    t: (key, vars) => a.translator.t('en', key, vars),
    render: () => undefined,
    officer: () => ({ id: 1, username: 'ana', role: 'officer', contactId: null }),
    csrfField: () => html``,
    csrfToken: () => 'x',
    audit: () => undefined,
    formatTime: (ms) => new Date(ms).toISOString(),
  };
}

function page(a: App, id: number): string {
  const c = caseById(a.db, id)!;
  return caseView(kit(a), a.db, {} as never, { id: 1, username: 'ana', role: 'officer', contactId: null }, c, [], [], null, null).toString();
}

describe('dashboard case page', () => {
  it('shows the agency register entry a complaint was linked to, with its status today', () => {
    app = createTestApp();
    const base = { config: app.config, now: app.clock.now(), reporterContactId: null, anonymous: true, category: 'recruitment_fraud' };
    const agency = app.db.prepare("SELECT name FROM agencies WHERE status = 'revoked' LIMIT 1").pluck().get() as string;
    const { id } = createCase(app.db, { ...base, agencyText: agency });
    expect(linkCaseAgency(app.db, id, agency, app.clock.now(), app.config.HOME_TIMEZONE)).not.toBeNull();
    const out = page(app, id);
    expect(out).toContain('In the agency register');
    expect(out).toMatch(new RegExp(`${agency.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, license [^<]+: [^<]*revoked`, 'i'));
  });

  it('shows an assistance request with translated fields and the need, escaped', () => {
    app = createTestApp();
    const { id } = createCase(app.db, {
      config: app.config,
      now: app.clock.now(),
      kind: 'assistance',
      reporterContactId: null,
      category: 'education',
      details: { program: 'education', who: 'family', village: 'Kemiren', need: 'School fees <b>please</b>', reach: 'chat' },
    } as never);
    const out = page(app, id);
    // A request from before the home was asked: the address the family typed.
    expect(out).toContain('Home: Kemiren');
    expect(out).toContain('School fees &lt;b&gt;please&lt;/b&gt;');
    expect(out).not.toContain('"village"');
  });

  it('shows where a report comes from at home: district and village, or outside the regency, escaped', () => {
    app = createTestApp();
    const base = { config: app.config, now: app.clock.now(), reporterContactId: null, anonymous: true, category: 'wages_unpaid' };
    const a = createCase(app.db, base);
    setCaseHome(app.db, a.id, 'glagah', 'Kemiren <RT 2>');
    expect(page(app, a.id)).toContain('<dt>Home district</dt><dd>Glagah, Kemiren &lt;RT 2&gt;</dd>');
    const b = createCase(app.db, base);
    setCaseHome(app.db, b.id, 'outside', null);
    expect(page(app, b.id)).toContain('<dt>Home district</dt><dd>outside Banyuwangi</dd>');
    const c = createCase(app.db, base);
    expect(page(app, c.id)).not.toContain('Home district');
  });
});
