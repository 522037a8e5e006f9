/** GET /api/whatsapp/qr (officer bearer token): the current WhatsApp Web login QR as SVG, or 404. */
import { apiCaller, refuseRole } from '../kit/apiCaller.js';
import QRCode from 'qrcode';
import type { Feature } from '../feature.js';
import { channelsPage } from './dashboardPage.js';

/** What the page needs from the WhatsApp Web channel (kept loose so this file does not load the library). */
export interface QrSource {
  currentQr(): string | undefined;
}

export const channelStatusFeature: Feature = {
  name: 'channelStatus',
  pages: [channelsPage],
  api(api, services) {
    api.get('/whatsapp/qr', async (_req, res) => {
      // Whoever scans the QR logs the bot's WhatsApp number in: channels are an admin's.
      if (apiCaller(res).role !== 'admin') return refuseRole(res, services, 'channels.manage', 'GET /api/whatsapp/qr');
      const channel = services.channels.get('whatsapp-web') as Partial<QrSource> | undefined;
      const qr = channel?.currentQr?.();
      if (!qr) {
        res.status(404).json({ error: 'no login QR right now: WhatsApp Web is off, already logged in, or still starting (see /api/health)' });
        return;
      }
      // Whoever scans this logs the bot's WhatsApp number in: keep a record of who looked.
      services.audit.record(services.clock.now(), apiCaller(res).actor, 'whatsapp_qr_viewed');
      const svg = await QRCode.toString(qr, { type: 'svg', margin: 2, width: 320 });
      res.status(200).type('image/svg+xml').set('cache-control', 'no-store').send(svg);
    });
  },
};
