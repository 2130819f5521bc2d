/** Survey answers of a slice, as sums: what NPS, CSAT and CES and their intervals are computed from. */
export interface ScoreTally {
  promoters: number;
  passives: number;
  detractors: number;
  csatN: number;
  csatSum: number;
  csatSumSquares: number;
  csatSatisfied: number;
  cesN: number;
  cesSum: number;
  cesSumSquares: number;
}

export function emptyTally(): ScoreTally {
  return { promoters: 0, passives: 0, detractors: 0, csatN: 0, csatSum: 0, csatSumSquares: 0, csatSatisfied: 0, cesN: 0, cesSum: 0, cesSumSquares: 0 };
}

export function addTally(into: ScoreTally, t: ScoreTally): ScoreTally {
  for (const k of Object.keys(into) as (keyof ScoreTally)[]) into[k] += t[k];
  return into;
}

export function npsResponses(t: ScoreTally): number {
  return t.promoters + t.passives + t.detractors;
}

/** A SQL row (snake_case, numbers maybe as strings) as a tally. */
export function tallyFromRow(r: Record<string, unknown>): ScoreTally {
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    promoters: n('promoters'),
    passives: n('passives'),
    detractors: n('detractors'),
    csatN: n('csat_n'),
    csatSum: n('csat_sum'),
    csatSumSquares: n('csat_sum_squares'),
    csatSatisfied: n('csat_satisfied'),
    cesN: n('ces_n'),
    cesSum: n('ces_sum'),
    cesSumSquares: n('ces_sum_squares'),
  };
}
