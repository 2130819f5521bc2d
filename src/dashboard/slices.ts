/** The ways the dashboard cuts the tallies, in one place. */

/** Columns of pain_point_tallies and feedback_daily a heatmap or topic page can be sliced by. */
export const SLICE_DIMENSIONS = ['region', 'channel', 'source', 'segment', 'product'] as const;
export type SliceDimension = (typeof SLICE_DIMENSIONS)[number];

export const POLARITIES = ['negative', 'positive'] as const;
export type Polarity = (typeof POLARITIES)[number];

export interface Slice {
  dimension: SliceDimension | null;
  /** The value of the dimension ('' = items without one); null: all values. */
  value: string | null;
}

/** Default span of the heatmap and the trends: eight weeks, the current one included. */
export const DEFAULT_WEEKS = 8;
/** Default span of the day grain. */
export const DEFAULT_DAYS = 28;
/** A column (bucket) with fewer mentions than this gets shares shown as insufficient data. */
export const MIN_BUCKET_MENTIONS = 5;
/** Evidence clauses per page. */
export const EVIDENCE_PAGE_SIZE = 20;
