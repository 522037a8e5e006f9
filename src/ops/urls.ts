/** The addresses an operator opens: web chat, dashboard and health, from the configuration. */
import type { Config } from '../config.js';

export interface ServiceUrls {
  base: string;
  chat: string;
  dashboard: string;
  health: string;
}

/** Hosts that mean "this machine" when the server listens on them. */
const LOCAL_HOSTS = new Set(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', '']);

/** PUBLIC_BASE_URL when set, else http://localhost:PORT (the port actually bound, when known). */
export function serviceUrls(config: Config, boundPort?: number): ServiceUrls {
  const port = boundPort || config.HTTP_PORT;
  const host = LOCAL_HOSTS.has(config.HTTP_HOST) ? 'localhost' : config.HTTP_HOST.includes(':') ? `[${config.HTTP_HOST}]` : config.HTTP_HOST;
  const base = (config.PUBLIC_BASE_URL || `http://${host}:${port}`).replace(/\/+$/, '');
  return { base, chat: `${base}/chat`, dashboard: `${base}/dashboard`, health: `${base}/api/health` };
}
