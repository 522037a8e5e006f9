/**
 * Attack: holding open chat streams (800 were accepted from one address). Now: 3 per visitor (the
 * oldest is closed), 12 per address (more refused), and idle ones are closed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { MAX_STREAMS_PER_ADDRESS, MAX_STREAMS_PER_CONTACT } from '../../channels/webchat/streams.js';
import { WebVisitor } from '../../testing/webVisitor.js';
import { addressNo, startWebApp } from './attackKit.js';

const apps: App[] = [];
const aborts: AbortController[] = [];
afterEach(async () => {
  for (const a of aborts.splice(0)) a.abort();
  for (const a of apps.splice(0)) await a.stop();
});

/** Opens a stream; `closed` resolves when the server ends it. */
async function openStream(v: WebVisitor): Promise<{ status: number; closed: Promise<void>; isClosed: () => boolean }> {
  const ctrl = new AbortController();
  aborts.push(ctrl);
  const res = await fetch(`${v.base}/chat/api/stream`, { headers: { cookie: v.cookie, ...(v.forwardedFor ? { 'x-forwarded-for': v.forwardedFor } : {}) }, signal: ctrl.signal });
  let done = false;
  const closed = (async () => {
    if (res.status !== 200 || !res.body) return;
    const reader = res.body.getReader();
    try {
      while (!(await reader.read()).done);
    } catch {
      // aborted by the test
    }
  })().finally(() => (done = true));
  return { status: res.status, closed, isClosed: () => done };
}

const settle = () => new Promise((r) => setTimeout(r, 200));

describe('chat streams', () => {
  it(`a visitor keeps at most ${MAX_STREAMS_PER_CONTACT} streams; an address at most ${MAX_STREAMS_PER_ADDRESS}`, async () => {
    const { app, base } = await startWebApp();
    apps.push(app);
    const v = new WebVisitor(base, addressNo(1));
    await v.open();
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push(await openStream(v));
    await settle();
    expect(mine.map((s) => s.isClosed())).toEqual([true, true, false, false, false]);

    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const other = new WebVisitor(base, addressNo(2));
      await other.open();
      statuses.push((await openStream(other)).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(MAX_STREAMS_PER_ADDRESS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - MAX_STREAMS_PER_ADDRESS);
    console.log(`attack streams: 5 streams from one visitor → ${MAX_STREAMS_PER_CONTACT} kept; 20 from one address → ${MAX_STREAMS_PER_ADDRESS} accepted, 8 refused`);
  });

  it('an idle stream is closed', async () => {
    const { app, base } = await startWebApp({}, [], { streamIdleMs: 300 });
    apps.push(app);
    const v = new WebVisitor(base);
    await v.open();
    const s = await openStream(v);
    await Promise.race([s.closed, new Promise((r) => setTimeout(r, 3000))]);
    expect(s.isClosed()).toBe(true);
  });
});
