/** Clock skew against a platform's server (HTTP Date header), and the time zone officers work in. */
import { DateTime } from 'luxon';
import { serverDate } from '../platformApi.js';
import { type DoctorResult, type DoctorContext, fail, ok, warn } from './check.js';

/** More skew than this is worth fixing (reminders and broadcasts run at the wrong minute)… */
export const CLOCK_SKEW_WARN_MS = 2 * 60_000;
/** …and this much breaks scheduling and TLS certificate checks. */
export const CLOCK_SKEW_FAIL_MS = 60 * 60_000;

const NAME = 'Clock';
const SYNC_FIX = 'Turn on time synchronisation: sudo timedatectl set-ntp true (check with timedatectl status).';

/** Judges the difference between our clock and a server's. */
export function judgeClockSkew(server: Date, now: number, source: string): DoctorResult {
  const skew = now - server.getTime();
  const text = `${Math.round(Math.abs(skew) / 1000)} s ${skew >= 0 ? 'ahead of' : 'behind'} ${source}`;
  if (Math.abs(skew) > CLOCK_SKEW_FAIL_MS) return fail(NAME, `this machine's clock is ${text}`, SYNC_FIX);
  if (Math.abs(skew) > CLOCK_SKEW_WARN_MS) return warn(NAME, `this machine's clock is ${text}`, SYNC_FIX);
  return ok(NAME, `within ${Math.max(1, Math.round(Math.abs(skew) / 1000))} s of ${source}`);
}

/** The API root the bot talks to anyway (Telegram, else the Graph API, else Telegram's default). */
function referenceRoot(ctx: DoctorContext): string {
  const c = ctx.config;
  if (c.TELEGRAM_BOT_TOKEN || !c.WHATSAPP_CLOUD_TOKEN) return c.TELEGRAM_API_ROOT;
  return c.WHATSAPP_CLOUD_API_ROOT;
}

/** Skew against the platform, plus the officers' local time for a human glance. */
export async function checkClock(ctx: DoctorContext): Promise<DoctorResult[]> {
  const root = referenceRoot(ctx);
  const answer = await serverDate(root, ctx.timeoutMs);
  const host = new URL(root).host;
  const out: DoctorResult[] =
    'date' in answer
      ? [judgeClockSkew(answer.date, ctx.now, host)]
      : [warn(NAME, `could not compare the clock with ${host}: ${answer.error}`, 'Check the network; meanwhile make sure time synchronisation is on (timedatectl status).')];
  const tz = ctx.config.HOME_TIMEZONE;
  const local = DateTime.fromMillis(ctx.now, { zone: tz });
  const system = Intl.DateTimeFormat().resolvedOptions().timeZone;
  out.push(ok('Time zone', `officers' time (HOME_TIMEZONE ${tz}) is ${local.toFormat('yyyy-MM-dd HH:mm')} (UTC${local.toFormat('ZZ')}); this machine's zone is ${system}`));
  return out;
}
