import { PainpointError } from './painpoint-error.ts';

/** One input record, or a whole input file, cannot be used. Names the file, line and field. */
export class InputError extends PainpointError {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(message: string, where: { file?: string; line?: number; field?: string } = {}, cause?: unknown) {
    const place = [where.file, where.line === undefined ? undefined : `line ${where.line}`, where.field && `field "${where.field}"`]
      .filter(Boolean)
      .join(', ');
    super('INPUT_INVALID', place ? `${place}: ${message}` : message, { cause });
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }
}
