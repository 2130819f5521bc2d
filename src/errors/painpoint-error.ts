/**
 * The one error family painpoint throws on purpose. `code` is stable (scripts and logs match on it);
 * `retryable` tells a queue job whether trying again could help, so the job boundary can turn a
 * non-retryable error into BullMQ's UnrecoverableError instead of burning its attempts.
 */
export class PainpointError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PainpointError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}
