import type { Queryable } from '../store/pool.ts';
import type { Html } from './html.ts';
import type { EstimateSettings } from '../scores/score-estimate.ts';
import { loadFiredMonitors, loadOpenCases, loadScoreTiles, loadTopicsSummary, type TopicsSummary } from './read/overview.ts';
import { firedMonitorsView, openCasesView, painPointsView, praiseView, scoreTilesView } from './views/overview-view.ts';
import type { RenderContext } from './views/render-context.ts';

/** What an overview section is given to load from. */
export interface OverviewInput {
  db: Queryable;
  today: string;
  since: string;
  /** Minimum answers, confidence and targets of the scores (config `scores`, `targets`). */
  scores: EstimateSettings;
  /** Shared by the sections that need it (one query for pain points and praise). */
  topics(): Promise<TopicsSummary>;
}

/**
 * One block of the overview: its data (one query) and its view. The overview is this list, in
 * order. A view given nothing to show (no survey answers, no findings) renders nothing.
 */
export interface OverviewSection<T = unknown> {
  id: string;
  load(input: OverviewInput): Promise<T>;
  view(ctx: RenderContext, data: T): Html;
}

const section = <T>(s: OverviewSection<T>) => s as OverviewSection;

export const OVERVIEW_SECTIONS: readonly OverviewSection[] = [
  section({ id: 'scores', load: (i) => loadScoreTiles(i.db, i.today, i.since, i.scores), view: scoreTilesView }),
  section({ id: 'pain-points', load: (i) => i.topics(), view: painPointsView }),
  section({ id: 'open-cases', load: (i) => loadOpenCases(i.db), view: openCasesView }),
  section({ id: 'fired-monitors', load: (i) => loadFiredMonitors(i.db, i.today, i.since), view: firedMonitorsView }),
  section({ id: 'praise', load: (i) => i.topics(), view: praiseView }),
];

export interface OverviewModel {
  sections: { id: string; data: unknown }[];
}

export async function loadOverview(db: Queryable, today: string, since: string, scores: EstimateSettings): Promise<OverviewModel> {
  let topics: Promise<TopicsSummary> | undefined;
  const input: OverviewInput = { db, today, since, scores, topics: () => (topics ??= loadTopicsSummary(db, today, since)) };
  const data = await Promise.all(OVERVIEW_SECTIONS.map((s) => s.load(input)));
  return { sections: OVERVIEW_SECTIONS.map((s, i) => ({ id: s.id, data: data[i] })) };
}

export function overviewBody(ctx: RenderContext, model: OverviewModel): Html[] {
  return model.sections.map((s) => OVERVIEW_SECTIONS.find((x) => x.id === s.id)!.view(ctx, s.data));
}
