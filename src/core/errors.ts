/** The few error classes the bot uses; each carries enough context to act on. */

export type SendFailureKind = 'transient' | 'permanent' | 'blocked' | 'skipped';

/**
 * A channel could not deliver a message. `blocked`: the user blocked us; stop sending to them.
 * `skipped`: the platform does not allow this message now (e.g. outside WhatsApp's 24-hour window);
 * the row is kept as skipped with the message as its reason, and never retried.
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly kind: SendFailureKind,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** A configuration variable is missing or malformed. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A flow definition refers to something that does not exist. Raised at start-up. */
export class FlowDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowDefinitionError';
  }
}
