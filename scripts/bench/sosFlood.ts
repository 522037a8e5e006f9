/** Bench section "Urgent lane": the attack suite's flood, with the new visitor's `sos` timed. */
import { OFFICER_CHAT, startOfficer } from '../../src/testing/cases.js';
import { RecordingChannel } from '../../src/testing/harness.js';
import { startWebApp } from '../../src/resilience/attacks/attackKit.js';
import { FLOOD, floodAndSos } from '../../src/resilience/attacks/floodAttack.js';
import { fmt } from './stats.js';
import { type Row, atMost } from './table.js';

/** Runs the flood once on a fresh app and returns its rows. */
export async function sosFloodRows(): Promise<Row[]> {
  const S = 'Urgent lane (web chat flood)';
  const officers = new RecordingChannel('telegram');
  const { app, base } = await startWebApp({}, [officers]);
  try {
    await startOfficer(app, 'en', OFFICER_CHAT);
    const r = await floodAndSos(app, base, officers);
    const setup = `${fmt(r.posts)} posts from ${FLOOD.visitors} anonymous visitors (100 addresses), ${fmt(r.shed)} shed with 503 while the server was behind`;
    return [
      { section: S, measure: `new visitor's sos → first answer, ${setup}`, value: `${fmt(r.sosAnsweredMs)} ms`, target: `< ${FLOOD.answerWithinMs} ms`, verdict: atMost(r.sosAnsweredMs, FLOOD.answerWithinMs) },
      { section: S, measure: 'new visitor\'s sos → officers\' alert sent', value: `${fmt(r.officersAlertedMs)} ms`, target: `< ${FLOOD.alertWithinMs} ms`, verdict: atMost(r.officersAlertedMs, FLOOD.alertWithinMs) },
    ];
  } finally {
    await app.stop();
  }
}
