/**
 * Small read-only calls to the platforms' HTTP APIs (Telegram Bot API, Graph API) for the start-up
 * banner and `npm run doctor`, over plain fetch with a timeout. Sending stays with the channels.
 * Answers never carry the token; only the server's `Date` header is kept besides the body.
 */

/** How long one check call may take before it counts as "cannot reach". */
export const PLATFORM_CALL_TIMEOUT_MS = 8000;

export type ApiAnswer<T> =
  | { ok: true; status: number; result: T; date?: string }
  | { ok: false; status: number; description: string; code?: number; date?: string };

/** GETs a URL and parses JSON; a network failure or timeout is `{ ok: false, status: 0 }`. */
async function getJson(url: string, headers: Record<string, string>, timeoutMs: number): Promise<{ reached: true; status: number; body: unknown; date?: string } | { reached: false; error: string }> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { reached: true, status: res.status, body, date: res.headers.get('date') ?? undefined };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : (e.cause?.code ?? e.cause?.message ?? e.message ?? String(err));
    return { reached: false, error: reason };
  }
}

/** Calls a Bot API method (GET with query parameters) and returns its result or Telegram's error. */
export async function callBotApi<T>(apiRoot: string, token: string, method: string, params: Record<string, string> = {}, timeoutMs = PLATFORM_CALL_TIMEOUT_MS): Promise<ApiAnswer<T>> {
  const qs = new URLSearchParams(params).toString();
  const url = `${apiRoot.replace(/\/+$/, '')}/bot${token}/${method}${qs ? `?${qs}` : ''}`;
  const r = await getJson(url, {}, timeoutMs);
  if (!r.reached) return { ok: false, status: 0, description: `cannot reach ${new URL(apiRoot).host}: ${r.error}` };
  const body = r.body as { ok?: boolean; result?: T; description?: string; error_code?: number } | null;
  if (body?.ok) return { ok: true, status: r.status, result: body.result as T, date: r.date };
  return { ok: false, status: r.status, code: body?.error_code, description: body?.description ?? `HTTP ${r.status}`, date: r.date };
}

/** GETs a Graph API path (relative to the API root, with query) with the access token. */
export async function callGraphApi<T>(apiRoot: string, token: string, pathAndQuery: string, timeoutMs = PLATFORM_CALL_TIMEOUT_MS): Promise<ApiAnswer<T>> {
  const url = `${apiRoot.replace(/\/+$/, '')}/${pathAndQuery.replace(/^\/+/, '')}`;
  const r = await getJson(url, { authorization: `Bearer ${token}` }, timeoutMs);
  if (!r.reached) return { ok: false, status: 0, description: `cannot reach ${new URL(apiRoot).host}: ${r.error}` };
  const body = r.body as { error?: { code?: number; message?: string } } | null;
  if (r.status >= 200 && r.status < 300 && body && !body.error) return { ok: true, status: r.status, result: body as T, date: r.date };
  return { ok: false, status: r.status, code: body?.error?.code, description: body?.error?.message ?? `HTTP ${r.status}`, date: r.date };
}

/** The server's clock from the `Date` header of an API root (any answer will do, even 404). */
export async function serverDate(url: string, timeoutMs = PLATFORM_CALL_TIMEOUT_MS): Promise<{ date: Date; url: string } | { error: string; url: string }> {
  const r = await getJson(url, {}, timeoutMs);
  if (!r.reached) return { error: r.error, url };
  const d = r.date ? new Date(r.date) : null;
  if (!d || Number.isNaN(d.getTime())) return { error: 'the answer had no Date header', url };
  return { date: d, url };
}
