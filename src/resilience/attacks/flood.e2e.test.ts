/**
 * Attack: silencing the web chat with a flood. 100 anonymous visitors (100 addresses, as a botnet
 * would have) post over a thousand messages; meanwhile a new visitor types `sos`. The emergency
 * takes the urgent lane past every limit and queue: answered within 1 s, officers alerted within 2 s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { OFFICER_CHAT, startOfficer } from '../../testing/cases.js';
import { RecordingChannel } from '../../testing/harness.js';
import { startWebApp } from './attackKit.js';
import { FLOOD, floodAndSos } from './floodAttack.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

describe('flood', () => {
  it(`during ${FLOOD.visitors * FLOOD.postsEach} posts from ${FLOOD.visitors} anonymous visitors, a new visitor's sos is answered within 1 s and officers alerted within 2 s`, async () => {
    const officers = new RecordingChannel('telegram');
    const { app, base } = await startWebApp({}, [officers]);
    apps.push(app);
    await startOfficer(app, 'en');
    const r = await floodAndSos(app, base, officers);
    console.log(`attack flood: ${r.posts} posts from ${FLOOD.visitors} visitors (${r.shed} shed with 503 while the server was behind); ${r.queued} web-chat replies still queued when the sos was answered; sos answered in ${r.sosAnsweredMs} ms, officers alerted in ${r.officersAlertedMs} ms`);
    expect(r.posts).toBeGreaterThanOrEqual(1000);
    expect(r.sosAnsweredMs).toBeLessThan(FLOOD.answerWithinMs);
    expect(r.officersAlertedMs).toBeLessThan(FLOOD.alertWithinMs);
    expect(officers.textsTo(OFFICER_CHAT).join('\n')).toContain('emergency word');
  }, 120_000);
});
