/** Maps what grammY throws on a send to a SendError the dispatcher understands. */
import { GrammyError, HttpError } from 'grammy';
import { SendError } from '../../core/errors.js';

/** Used when a 429 carries no retry_after. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * 429 -> transient with retry_after; 5xx, network errors and timeouts -> transient; 403 (blocked,
 * deactivated, kicked from the group) -> blocked; 401/404 (token revoked or wrong) -> transient, so
 * nothing is lost while the operator fixes the token; any other 4xx -> permanent. The message
 * never contains the payload (it holds the user's text).
 */
export function toSendError(err: unknown, method: string): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof GrammyError) {
    const what = `Telegram ${method} ${err.error_code}: ${err.description}`;
    const code = err.error_code;
    if (code === 429) {
      const after = err.parameters.retry_after;
      return new SendError(what, 'transient', typeof after === 'number' ? after * 1000 : DEFAULT_RETRY_AFTER_MS);
    }
    if (code === 403) return new SendError(what, 'blocked');
    if (code >= 500 || code === 401 || code === 404) return new SendError(what, 'transient');
    return new SendError(what, 'permanent');
  }
  if (err instanceof HttpError) {
    const cause = err.error instanceof Error ? err.error.message : String(err.error);
    return new SendError(`Telegram ${method}: network error (${cause})`, 'transient');
  }
  // Anything else is our own fault (e.g. an attachment file missing): retrying will not help.
  return new SendError(`Telegram ${method}: ${err instanceof Error ? err.message : String(err)}`, 'permanent');
}
