export { PainpointError } from './painpoint-error.ts';
export { ConfigError } from './config-error.ts';
export { InputError } from './input-error.ts';
export { RootCauseNotFound } from './root-cause-not-found.ts';
export { TransientError } from './transient-error.ts';
