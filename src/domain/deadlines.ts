import type { Severity } from '../nlp/types.ts';

/** Hours from an alert's creation to its response deadline, per severity, where the config sets none. */
export const DEFAULT_DEADLINE_HOURS: Readonly<Record<Severity, number>> = { critical: 1, high: 4, medium: 24, low: 24 };
