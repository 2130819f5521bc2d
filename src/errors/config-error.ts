import { PainpointError } from './painpoint-error.ts';

/** A configuration file or value is missing or invalid. Names the file and the key. */
export class ConfigError extends PainpointError {
  readonly file: string | undefined;
  readonly key: string | undefined;

  constructor(message: string, where: { file?: string; key?: string } = {}, cause?: unknown) {
    const place = [where.file, where.key].filter(Boolean).join(': ');
    super('CONFIG_INVALID', place ? `${place}: ${message}` : message, { cause });
    this.name = 'ConfigError';
    this.file = where.file;
    this.key = where.key;
  }
}
