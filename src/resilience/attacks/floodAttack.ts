/**
 * The flood attack, shared by the attack suite and `npm run bench -- --only=flood`: 100 anonymous
 * visitors from 100 addresses post over a thousand messages; mid-flood a new visitor types `sos`.
 */
import type { App } from '../../app.js';
import { OFFICER_CHAT } from '../../testing/cases.js';
import type { RecordingChannel } from '../../testing/harness.js';
import { WebVisitor } from '../../testing/webVisitor.js';
import { addressNo, englishVisitor } from './attackKit.js';

/** Flood visitors, posts each, and the target latencies (also used by the bench row). */
export const FLOOD = { visitors: 100, postsEach: 11, answerWithinMs: 1000, alertWithinMs: 2000 };

export interface FloodResult {
  posts: number;
  /** Posts refused with 503 while the server was behind (load shedding; urgent ones never are). */
  shed: number;
  queued: number;
  sosAnsweredMs: number;
  officersAlertedMs: number;
}

/** Runs the flood against a started app and measures the new visitor's `sos`. */
export async function floodAndSos(app: App, base: string, officers: RecordingChannel): Promise<FloodResult> {
  const visitors = await Promise.all(Array.from({ length: FLOOD.visitors }, (_, i) => englishVisitor(base, addressNo(i))));
  let posts = 0;
  let shed = 0;
  const flood = Promise.all(
    visitors.map(async (v, i) => {
      for (let n = 0; n < FLOOD.postsEach; n++) {
        const status = await v.post(n % 2 ? 'what is this' : String((i + n) % 6 + 1));
        posts++;
        if (status === 503) shed++;
      }
    }),
  );
  // Mid-flood: a new visitor, from another address, whose very first message is the emergency word.
  while (posts < 300) await new Promise((r) => setTimeout(r, 5));
  const sos = new WebVisitor(base, addressNo(900));
  await sos.open();
  // The page listens on the chat's event stream: the answer is measured when it arrives there.
  const stream = await sos.listen();
  const alertsBefore = officers.textsTo(OFFICER_CHAT).length;
  const t0 = Date.now();
  const answered = stream.next(() => true, 10_000);
  const status = await sos.post('sos');
  if (status !== 200) throw new Error(`the sos post was answered ${status}`);
  await answered;
  const sosAnsweredMs = Date.now() - t0;
  stream.close();
  const queued = app.db.prepare("SELECT COUNT(*) FROM outbox WHERE channel = 'webchat' AND state = 'pending'").pluck().get() as number;
  while (officers.textsTo(OFFICER_CHAT).length === alertsBefore && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 5));
  const alert = officers.sent.filter((s) => s.chatId === OFFICER_CHAT)[alertsBefore];
  const officersAlertedMs = alert ? alert.at - t0 : Infinity;
  await flood;
  return { posts, shed, queued, sosAnsweredMs, officersAlertedMs };
}

