/** The few error classes the bot uses; each carries enough context to act on. */

export type SendFailureKind = 'transient' | 'permanent' | 'blocked' | 'skipped' | 'held';

/**
 * A channel could not deliver a message. `blocked`: the user blocked us; stop sending to them.
 * `skipped`: the platform does not allow this message now (e.g. outside WhatsApp's 24-hour window);
 * the row is kept as skipped with the message as its reason, and never retried. `held`: the channel
 * did what it could now (e.g. sent a WhatsApp template asking the contact to answer) and the
 * message waits, for at most `retryAfterMs`, until the contact writes (then it is released).
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

/**
 * The database could not take a message now (locked by another process beyond busy_timeout, disk
 * full, read-only). Thrown from the intake so the channel does NOT acknowledge the platform, which
 * then delivers the message again; `code` is SQLite's error code.
 */
export class StorageUnavailableError extends Error {
  constructor(
    readonly code: string,
    cause: unknown,
  ) {
    super(`the database cannot take messages now (${code}); the platform should deliver this message again later`, { cause });
    this.name = 'StorageUnavailableError';
  }
}
