import { PainpointError } from './painpoint-error.ts';

/** Something outside painpoint failed in a way that may pass (network, a restarting database). */
export class TransientError extends PainpointError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, { retryable: true, cause });
    this.name = 'TransientError';
  }
}
