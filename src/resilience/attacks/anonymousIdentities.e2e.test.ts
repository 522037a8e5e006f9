/**
 * Attack: minting anonymous web-chat identities. A new identity costs one `GET /chat`, so new
 * visitors and messages are counted per client address too (TRUST_PROXY decides the address).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { WebVisitor } from '../../testing/webVisitor.js';
import { addressNo, englishVisitor, startWebApp } from './attackKit.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

describe('anonymous identities', () => {
  it('new visitors per address are limited; another address is not affected; a returning visitor always gets in', async () => {
    const { app, base } = await startWebApp({ WEBCHAT_NEW_VISITORS_PER_HOUR: '5' });
    apps.push(app);
    const statuses: number[] = [];
    let first: WebVisitor | undefined;
    for (let i = 0; i < 50; i++) {
      const v = new WebVisitor(base, addressNo(1));
      statuses.push(await v.open());
      first ??= v;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(45);
    expect(await new WebVisitor(base, addressNo(2)).open()).toBe(200);
    expect(await first!.open()).toBe(200);
    expect(app.db.prepare("SELECT COUNT(*) FROM contacts WHERE channel = 'webchat'").pluck().get()).toBe(0);
    console.log('attack identities: 50 new cookies from one address, 45 refused');
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not give fresh addresses', async () => {
    const { app, base } = await startWebApp({ WEBCHAT_NEW_VISITORS_PER_HOUR: '5', TRUST_PROXY: 'false' });
    apps.push(app);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await new WebVisitor(base, addressNo(100 + i)).open());
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });

  it('messages are limited per address across its visitors; an emergency word always passes', async () => {
    const { app, base } = await startWebApp({ WEBCHAT_POSTS_PER_ADDRESS_PER_MINUTE: '20' });
    apps.push(app);
    const visitors = [];
    for (let i = 0; i < 5; i++) visitors.push(await englishVisitor(base, addressNo(7))); // 15 posts
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push(await visitors[i % 5].post('what is this'));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    expect(await visitors[0].post('sos')).toBe(200);
    expect(await visitors[1].post('I was beaten, help me')).toBe(200);
    // Another address is not affected.
    expect(await (await englishVisitor(base, addressNo(8))).post('what is this')).toBe(200);
    console.log('attack identities: 35 posts from one address over 5 cookies, 15 refused; sos and danger words passed');
  }, 30_000);
});
