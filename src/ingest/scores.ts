import { FIELD_NAMES } from './record-schema.ts';

/** The survey scores an import may carry, with their scales (CES: 5 = easiest). */
export const SCORE_SCALES = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 5 },
} as const;

export type ScoreField = keyof typeof SCORE_SCALES;
export const SCORE_FIELDS = Object.keys(SCORE_SCALES) as ScoreField[];

/** The reason code of a score left out of a record that was kept (rejected_items.reason). */
export const SCORE_REJECTION = 'invalid_score';

export type ScoreValues = Partial<Record<ScoreField, number>>;

export interface ScoreProblem {
  field: string;
  message: string;
}

const FULL_WIDTH_DIGIT = /[０-９．]/gu;
const WITH_UNIT = /^(-?\d+(?:\.\d+)?)\s*(?:分|pts?)?$/iu;

/**
 * Reads the scores of a record: whole numbers on their scale ("9", 9, "９分"). A score that is not
 * one is left out and reported, so that the caller keeps the rest of the record and records the
 * problem with its field named.
 */
export function readScores(record: Partial<Record<ScoreField, unknown>>): { scores: ScoreValues; problems: ScoreProblem[] } {
  const scores: ScoreValues = {};
  const problems: ScoreProblem[] = [];
  for (const field of SCORE_FIELDS) {
    const raw = record[field];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
    const { min, max } = SCORE_SCALES[field];
    const value = scoreNumber(raw);
    const name = FIELD_NAMES[field] ?? field;
    if (value === undefined) problems.push({ field: name, message: `${JSON.stringify(raw)} is not a ${name} score (expected a whole number ${min}–${max})` });
    else if (!Number.isInteger(value) || value < min || value > max) problems.push({ field: name, message: `${JSON.stringify(raw)} is outside ${min}–${max} (${name})` });
    else scores[field] = value;
  }
  return { scores, problems };
}

function scoreNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const m = WITH_UNIT.exec(raw.trim().replace(FULL_WIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  return m ? Number(m[1]) : undefined;
}
