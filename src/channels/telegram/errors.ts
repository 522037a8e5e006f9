/** Errors of the Telegram channel, and how errors are described in logs and in /api/health. */

/** Thrown inside the update handler when the router refuses (shutting down): the update stays unacknowledged. */
export class IntakeRefused extends Error {
  constructor() {
    super('intake refused the update (shutting down); Telegram will deliver it again');
    this.name = 'IntakeRefused';
  }
}

/** A short reason for /api/health. */
export function failureDetail(phase: string, err: unknown): string {
  const code = (err as { error_code?: number }).error_code;
  if (code === 401 || code === 404) return `Telegram rejected the bot token (${code}): check TELEGRAM_BOT_TOKEN with @BotFather`;
  if (code === 409) return 'another process receives updates for this bot (409 Conflict): stop it, or use one mode only';
  return `${phase} failing: ${describeError(err)}`;
}

/** An error in one line: the Bot API's code and description, or the message (and its cause). */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'error_code' in err) {
    const e = err as { error_code: number; description?: string };
    return `${e.error_code} ${e.description ?? ''}`.trim();
  }
  if (err instanceof Error) {
    const cause = (err as { error?: unknown }).error;
    return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
  }
  return String(err);
}

/** The stack to log. Never log a GrammyError object itself: its `payload` holds the user's text. */
export function stackOf(err: unknown): string | undefined {
  return err instanceof Error ? err.stack : undefined;
}
