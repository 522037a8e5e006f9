import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { ConfigError } from './core/errors.js';

describe('config', () => {
  it('runs on embedded defaults with nothing set', () => {
    const c = parseConfig({});
    expect(c.HTTP_PORT).toBe(3000);
    expect(c.DEFAULT_LANGUAGE).toBe('id');
    expect(c.HOME_TIMEZONE).toBe('Asia/Jakarta');
    expect(c.CASE_PREFIX).toBe('BWI');
    expect(c.DB_PATH.endsWith('data/helpline.sqlite')).toBe(true);
    expect(c.TELEGRAM_BOT_TOKEN).toBe('');
    expect(c.WHATSAPP_WEB).toBe(false);
    expect(c.OFFICER_TELEGRAM_IDS).toEqual([]);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('parses lists, booleans and numbers', () => {
    const c = parseConfig({ OFFICER_TELEGRAM_IDS: ' 11, 22 ,', WHATSAPP_WEB: 'true', HTTP_PORT: '8080' });
    expect(c.OFFICER_TELEGRAM_IDS).toEqual(['11', '22']);
    expect(c.WHATSAPP_WEB).toBe(true);
    expect(c.HTTP_PORT).toBe(8080);
  });

  it.each([
    ['HTTP_PORT', 'eighty'],
    ['DEFAULT_LANGUAGE', 'fr'],
    ['HOME_TIMEZONE', 'Mars/Olympus'],
    ['CASE_PREFIX', 'bwi-1'],
    ['TELEGRAM_API_ROOT', 'not a url'],
    ['WHATSAPP_WEB', 'maybe'],
    ['TRUST_PROXY', 'everyone'],
  ])('a bad %s stops start-up with a line naming it', (name, value) => {
    let err: unknown;
    try {
      parseConfig({ [name]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(name);
    expect(message).toContain('expected');
  });

  it('requires the webhook secret when webhooks are used, and the Cloud API variables together', () => {
    expect(() => parseConfig({ PUBLIC_BASE_URL: 'https://x.example', TELEGRAM_BOT_TOKEN: '1:a' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => parseConfig({ WHATSAPP_CLOUD_TOKEN: 't' })).toThrow(/must be set together/);
  });
});
