/** The few error classes the bot uses; each carries enough context to act on. */

export type SendFailureKind = 'transient' | 'permanent' | 'blocked';

/** A channel could not deliver a message. `blocked`: the user blocked us; stop sending to them. */
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
