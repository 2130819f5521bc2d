/** An estimate with its interval at a stated confidence, and the n behind it. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  n: number;
  confidence: number;
}

export const DEFAULT_CONFIDENCE = 0.95;
