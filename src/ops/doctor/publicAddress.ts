/** PUBLIC_BASE_URL: HTTPS (platforms refuse anything else), and does it reach this bot's health route? */
import { type DoctorResult, type DoctorContext, fail, ok, warn } from './check.js';

const NAME = 'Public address';

/** Nothing to check in polling mode; otherwise the scheme and a GET of PUBLIC_BASE_URL/api/health. */
export async function checkPublicAddress(ctx: DoctorContext): Promise<DoctorResult[]> {
  const base = ctx.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  if (!base) return [];
  if (!base.startsWith('https://')) {
    return [fail(NAME, `PUBLIC_BASE_URL is ${base}: Telegram and WhatsApp deliver webhooks only over HTTPS`, 'Put a reverse proxy with a certificate (nginx with certbot, Caddy) in front of HTTP_PORT and set PUBLIC_BASE_URL=https://…')];
  }
  const url = `${base}/api/health`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(ctx.timeoutMs) });
    const body = (await res.json().catch(() => null)) as { status?: string; database?: unknown } | null;
    if (body && typeof body.status === 'string' && body.database) return [ok(NAME, `${url} answers (status ${body.status})`)];
    return [warn(NAME, `${url} answers HTTP ${res.status}, but not as this bot`, 'Check that the reverse proxy forwards to HTTP_PORT on this machine, and that the bot runs.')];
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string } };
    const reason = e.name === 'TimeoutError' ? 'no answer' : (e.cause?.code ?? e.message ?? String(err));
    return [
      warn(
        NAME,
        `${url} cannot be reached from here (${reason}): platforms may not reach the webhooks either`,
        'Check the DNS name, the certificate and the reverse proxy, and that the bot runs; some networks cannot reach their own public address (then test from outside).',
      ),
    ];
  }
}
