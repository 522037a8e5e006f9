import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { testConfig } from '../testing/harness.js';
import { channelsFromConfig } from './fromConfig.js';

const cloud = { WHATSAPP_CLOUD_TOKEN: 't', WHATSAPP_CLOUD_PHONE_NUMBER_ID: '1', WHATSAPP_CLOUD_APP_SECRET: 's', WHATSAPP_CLOUD_VERIFY_TOKEN: 'v' };

describe('WhatsApp channels from config', () => {
  it('creates the Cloud API channel when its four variables are set, and WhatsApp Web when WHATSAPP_WEB=true', async () => {
    expect((await channelsFromConfig(testConfig(), silentLogger)).map((c) => c.name)).toEqual(['webchat']);
    expect((await channelsFromConfig(testConfig(cloud), silentLogger)).map((c) => c.name)).toEqual(['webchat', 'whatsapp-cloud']);
    const both = await channelsFromConfig(testConfig({ ...cloud, WHATSAPP_WEB: 'true' }), silentLogger);
    expect(both.slice(1).map((c) => [c.name, c.health().state])).toEqual([
      ['whatsapp-cloud', 'off'],
      ['whatsapp-web', 'off'], // nothing is launched before start()
    ]);
  });
});
