/** Maps a failed Graph API call to the outbox's retry vocabulary (SendError kinds). */
import { SendError } from '../../core/errors.js';

/** Cloud API error codes that mean "slow down and try again". */
export const RATE_LIMIT_CODES = new Set([4, 80007, 130429, 131056]);
/** Codes that mean the access token is not valid any more: nothing will work until an operator fixes it. */
export const TOKEN_CODES = new Set([190]);
/** Outside the 24-hour customer service window (only templates may be sent). */
export const REENGAGEMENT_CODE = 131047;
/** Back-off for a pair rate limit (131056) when Meta gives no Retry-After: one message per 6 s per user is advised. */
export const PAIR_RATE_BACKOFF_MS = 6_000;

/** A failed Graph call with Meta's error code, so the channel can act on particular codes (131047, 132xxx). */
export class GraphSendError extends SendError {
  constructor(
    message: string,
    kind: SendError['kind'],
    retryAfterMs: number | undefined,
    readonly code: number | undefined,
  ) {
    super(message, kind, retryAfterMs);
    this.name = 'GraphSendError';
  }
}

export interface GraphErrorBody {
  error?: { code?: number; message?: string; error_subcode?: number; title?: string };
}

export interface ClassifiedError {
  error: SendError;
  /** True when the token was refused: the channel reports degraded until a send succeeds again. */
  tokenRejected: boolean;
}

/** Decides transient/permanent for an HTTP status and the error body Graph returned; the error carries the code. */
export function classifyGraphError(httpStatus: number, body: GraphErrorBody | undefined, retryAfterHeader?: string | null): ClassifiedError {
  const c = classify(httpStatus, body, retryAfterHeader);
  const e = c.error;
  return { ...c, error: new GraphSendError(e.message, e.kind, e.retryAfterMs, body?.error?.code) };
}

function classify(httpStatus: number, body: GraphErrorBody | undefined, retryAfterHeader?: string | null): ClassifiedError {
  const code = body?.error?.code;
  const what = `Cloud API HTTP ${httpStatus}${code !== undefined ? ` code ${code}` : ''}: ${body?.error?.message ?? 'no error message'}`;
  const retryAfterS = Number(retryAfterHeader);
  const retryAfterMs = Number.isFinite(retryAfterS) && retryAfterS > 0 ? retryAfterS * 1000 : undefined;
  if (httpStatus === 401 || (code !== undefined && TOKEN_CODES.has(code))) {
    return { error: new SendError(`${what} (the access token was refused: set a valid WHATSAPP_CLOUD_TOKEN)`, 'permanent'), tokenRejected: true };
  }
  if (code === 131056) return { error: new SendError(what, 'transient', retryAfterMs ?? PAIR_RATE_BACKOFF_MS), tokenRejected: false };
  if (httpStatus === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    return { error: new SendError(what, 'transient', retryAfterMs), tokenRejected: false };
  }
  if (httpStatus >= 500) return { error: new SendError(what, 'transient', retryAfterMs), tokenRejected: false };
  if (code === REENGAGEMENT_CODE) {
    return { error: new SendError(`${what} (outside the 24-hour window: only a template message can reach this contact)`, 'permanent'), tokenRejected: false };
  }
  return { error: new SendError(what, 'permanent'), tokenRejected: false };
}
