/** Why a record could not be used. `reason` is a stable code; `message` says what was wrong. */
export interface Rejection {
  reason: string;
  message: string;
  field?: string | undefined;
  source?: string | undefined;
  file?: string | undefined;
  line?: number | undefined;
  /** The record as it came, for whoever fixes the file. */
  raw?: string | undefined;
}
