/**
 * Labels and the inbox's own filters against a real SQLite app: labels created, put on and taken
 * off a case from its page (shown on inbox rows, filterable); free text that finds words in thread
 * messages and notes and stays harmless with SQL-, FTS- and HTML-looking input; age filters.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../store/db.js';
import { DB_FILE_NAME } from '../../../config.js';
import type { ManualClock } from '../../../core/clock.js';
import type { App } from '../../../app.js';
import { addEvent, createCase } from '../../../domain/cases/cases.js';
import { findCases, filterParams, parseFilter } from '../../../domain/cases/inbox.js';
import { eraseCaseRows } from '../../../domain/cases/erasure.js';
import { addOfficer } from '../../../domain/officers/accounts.js';
import { labelByName } from '../../../domain/cases/labels.js';
import { DashboardClient } from '../../../testing/dashboardClient.js';
import { createTestApp } from '../../../testing/harness.js';

const PASSWORD = 'correct horse battery staple';
const DAY = 24 * 3600_000;
let app: (App & { manualClock: ManualClock }) | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const refsOf = (a: App, query: Record<string, string>, officer: { id: number; username: string; role: 'officer'; contactId: null }) =>
  findCases(a.db, parseFilter(query, undefined, { now: a.clock.now(), zone: a.config.HOME_TIMEZONE }), officer).rows.map((r) => r.ref).sort();

describe('labels on cases', () => {
  it('an officer creates labels, adds and removes them on the case page; inbox rows show them and filter by them', async () => {
    const a = (app = createTestApp({ http: true, env: { DEFAULT_LANGUAGE: 'en' } }));
    await a.start();
    await addOfficer(a.db, { username: 'ana', password: PASSWORD }, a.clock.now());
    const base = { reporterContactId: null, anonymous: true, now: a.clock.now(), config: a.config } as const;
    const one = createCase(a.db, { ...base, category: 'wages_unpaid' });
    const two = createCase(a.db, { ...base, category: 'passport_held' });
    const web = new DashboardClient(`http://127.0.0.1:${a.port}`);
    expect(await web.login('ana', PASSWORD)).toBe(303);
    const csrf = await web.csrf();

    // Typed on the case page: a new label is created and put on the case (HTML in the name stays text).
    let r = await web.post(`/dashboard/cases/${one.ref}/labels`, { _csrf: csrf, label: '  Needs   lawyer ' });
    expect(r.location).toBe(`/dashboard/cases/${one.ref}?done=labelAdded#labels-title`);
    await web.post(`/dashboard/cases/${one.ref}/labels`, { _csrf: csrf, label: '<img src=x onerror=alert(1)>' });
    // The same name in other letters is the same label.
    await web.post(`/dashboard/cases/${two.ref}/labels`, { _csrf: csrf, label: 'needs LAWYER' });
    expect(a.db.prepare('SELECT COUNT(*) FROM labels').pluck().get()).toBe(2);
    expect((await web.post(`/dashboard/cases/${two.ref}/labels`, { _csrf: csrf, label: '   ' })).location).toContain('done=labelInvalid');
    // Created from the inbox: the inbox then shows that label's cases (none yet).
    r = await web.post('/dashboard/cases/labels', { _csrf: csrf, label: 'Media interest' });
    const media = labelByName(a.db, 'media interest')!;
    expect(r.location).toBe(`/dashboard/cases?label=${media.id}`);
    await web.post(`/dashboard/cases/${two.ref}/labels`, { _csrf: csrf, label: 'Media interest' });

    const page = (await web.get(`/dashboard/cases/${one.ref}?done=labelAdded`)).html;
    expect(page).toContain('Label added.');
    expect(page).toContain('<span class="label-chip" data-label="Needs lawyer">Needs lawyer</span>');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img src=x');

    const lawyer = labelByName(a.db, 'Needs lawyer')!;
    let inbox = (await web.get(`/dashboard/cases?label=${lawyer.id}`)).html;
    expect(inbox).toContain(one.ref);
    expect(inbox).toContain(two.ref);
    expect(inbox).toMatch(new RegExp(`${one.ref}</a>[\\s\\S]*?class="label-chip" data-label="Needs lawyer"`));
    inbox = (await web.get(`/dashboard/cases?label=${media.id}`)).html;
    expect(inbox).toContain(two.ref);
    expect(inbox).not.toContain(`>${one.ref}</a>`);
    // The filter menu offers every label, the chosen one selected.
    expect(inbox).toContain(`<option value="${media.id}" selected>Media interest</option>`);

    // Removed on the case page: gone from the case and from the filter's results.
    r = await web.post(`/dashboard/cases/${two.ref}/labels/${lawyer.id}/remove`, { _csrf: csrf });
    expect(r.location).toContain('done=labelRemoved');
    inbox = (await web.get(`/dashboard/cases?label=${lawyer.id}`)).html;
    expect(inbox).toContain(`>${one.ref}</a>`);
    expect(inbox).not.toContain(`>${two.ref}</a>`);
    const audit = a.db.prepare("SELECT action, subject, detail FROM audit WHERE action LIKE '%label%' ORDER BY id").all();
    expect(audit).toContainEqual({ action: 'case_labelled', subject: one.ref, detail: 'Needs lawyer' });
    expect(audit).toContainEqual({ action: 'case_unlabelled', subject: two.ref, detail: 'Needs lawyer' });
    expect(audit).toContainEqual({ action: 'label_created', subject: 'Media interest', detail: null });
  }, 60_000);
});

describe('inbox search and age filters', () => {
  it('free text finds words in thread messages and notes, by prefix; SQL-, FTS- and HTML-looking input is only text', async () => {
    const a = (app = createTestApp());
    const officer = { id: 1, username: 'ana', role: 'officer' as const, contactId: null };
    const base = { reporterContactId: null, anonymous: true, now: a.clock.now(), config: a.config, category: 'other' } as const;
    const passport = createCase(a.db, base);
    const wages = createCase(a.db, { ...base, description: 'Gaji belum dibayar 100% sejak Maret' });
    const other = createCase(a.db, base);
    addEvent(a.db, passport.id, a.clock.now(), 'reporter', 'message_in', { text: 'Majikan menahan paspor saya di Taipei' });
    addEvent(a.db, other.id, a.clock.now(), 'officer:1', 'note', { text: "Called the agency about O'Brien; try again" });
    addEvent(a.db, other.id, a.clock.now(), 'reporter', 'message_in', { text: 'sudah <script>alert(1)</script> aman' });

    const find = (q: string) => refsOf(a, { q, status: 'all' }, officer);
    expect(find('paspor')).toEqual([passport.ref]);
    expect(find('PASPOR taipei')).toEqual([passport.ref]);
    expect(find('pasp')).toEqual([passport.ref]); // prefix
    expect(find('paspor jakarta')).toEqual([]); // every word must be there
    expect(find('agency')).toEqual([other.ref]); // internal notes count
    expect(find("O'Brien")).toEqual([other.ref]);
    expect(find('Maret')).toEqual([wages.ref]); // the story
    expect(find('100%')).toEqual([wages.ref]);
    expect(find('<script>')).toEqual([other.ref]);
    // Nothing a person types is SQL or FTS syntax.
    for (const q of ["' OR 1=1 --", '"; DROP TABLE cases; --', '%', '_', '\\', 'paspor OR x', 'NEAR(a b)', '*', '"', 'a AND', '^paspor', 'title:x']) {
      const got = find(q);
      expect(got.length, q).toBeLessThanOrEqual(1);
    }
    expect(find('%')).toEqual([wages.ref]); // the literal % in the story only
    expect(a.db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(3);

    // A page asks three times; the matches are kept only while nothing is written, here or by another process.
    expect(find('banyuwangi')).toEqual([]);
    addEvent(a.db, wages.id, a.clock.now(), 'reporter', 'message_in', { text: 'Saya dari Banyuwangi' });
    expect(find('banyuwangi')).toEqual([wages.ref]);
    const other2 = openDatabase(path.join(a.config.DATA_DIR, DB_FILE_NAME));
    addEvent(other2, other.id, a.clock.now(), 'reporter', 'message_in', { text: 'Saya juga dari Banyuwangi' });
    other2.close();
    expect(find('banyuwangi')).toEqual([wages.ref, other.ref].sort());

    // The reporter erases their data: their words are no longer found.
    expect(find('paspor')).toEqual([passport.ref]);
    a.db.transaction(() => eraseCaseRows(a.db, passport.id, a.clock.now(), 'reporter'))();
    expect(find('paspor')).toEqual([]);
  });

  it('age: older than N days, and received between two days in the home time zone', () => {
    const a = (app = createTestApp());
    const officer = { id: 1, username: 'ana', role: 'officer' as const, contactId: null };
    const start = a.clock.now();
    const mk = (daysAgo: number) => createCase(a.db, { reporterContactId: null, anonymous: true, category: 'other', now: start - daysAgo * DAY, config: a.config }).ref;
    const old = mk(40);
    const mid = mk(10);
    const fresh = mk(1);
    expect(refsOf(a, { older: '30' }, officer)).toEqual([old]);
    expect(refsOf(a, { older: '5' }, officer)).toEqual([old, mid].sort());
    const dayOf = (daysAgo: number) => new Date(start - daysAgo * DAY + 7 * 3600_000).toISOString().slice(0, 10);
    expect(refsOf(a, { from: dayOf(11), to: dayOf(2) }, officer)).toEqual([mid]);
    expect(refsOf(a, { from: dayOf(1) }, officer)).toEqual([fresh]);
    // Nonsense is ignored, and a filter round-trips through its link.
    expect(parseFilter({ older: '-3', from: '2026-02-30', to: "'; DROP" }).age).toBeUndefined();
    const f = parseFilter({ older: '7', from: '2026-01-01', label: '4', q: 'paspor' });
    expect(filterParams(f).toString()).toBe('q=paspor&label=4&older=7&from=2026-01-01');
  });
});
