import { PainpointError } from './painpoint-error.ts';

/** A case or an improvement named a root cause that is not recorded (or was deleted meanwhile). */
export class RootCauseNotFound extends PainpointError {
  readonly rootCauseId: number;

  constructor(rootCauseId: number, cause?: unknown) {
    super('ROOT_CAUSE_NOT_FOUND', `no root cause ${rootCauseId}`, { cause });
    this.name = 'RootCauseNotFound';
    this.rootCauseId = rootCauseId;
  }
}
