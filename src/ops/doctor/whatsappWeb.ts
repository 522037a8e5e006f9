/** WhatsApp Web (whatsapp-web.js): is the browser there, and has a phone been linked before? */
import fs from 'node:fs';
import path from 'node:path';
import { type DoctorResult, type DoctorContext, fail, ok, warn } from './check.js';

/** Where whatsapp-web.js keeps the linked session inside DATA_DIR (the channel's sessionDir). */
export const WWEB_SESSION_DIR = '.wwebjs_auth';

const NAME = 'WhatsApp Web';

/** The browser at CHROMIUM_PATH, and the saved login in DATA_DIR; nothing when the channel is off. */
export function checkWhatsAppWeb(ctx: DoctorContext): DoctorResult[] {
  const { config } = ctx;
  if (!config.WHATSAPP_WEB) return [ok(NAME, 'off (WHATSAPP_WEB=false)')];
  const out: DoctorResult[] = [];
  try {
    fs.accessSync(config.CHROMIUM_PATH, fs.constants.X_OK);
    out.push(ok(NAME, `browser found at ${config.CHROMIUM_PATH}`));
  } catch {
    out.push(fail(NAME, `no browser at CHROMIUM_PATH (${config.CHROMIUM_PATH}): WhatsApp Web cannot start`, 'sudo apt-get install -y chromium (Debian puts it at /usr/bin/chromium), or set CHROMIUM_PATH to the browser.'));
  }
  if (fs.existsSync(path.join(config.DATA_DIR, WWEB_SESSION_DIR))) out.push(ok(NAME, 'a linked phone session is saved (scan again only if the phone was unlinked)'));
  else out.push(warn(NAME, 'no phone linked yet', 'Start the bot and scan the QR code it shows (terminal, or GET /api/whatsapp/qr) with the helpline phone: WhatsApp → Linked devices.'));
  return out;
}
