import type { Queryable } from '../store/pool.ts';
import type { Html } from './html.ts';
import { loadOpenCases, loadTopicsSummary, type TopicsSummary } from './read/overview.ts';
import { openCasesView, painPointsView, praiseView } from './views/overview-view.ts';
import type { RenderContext } from './views/render-context.ts';

/** What an overview section is given to load from. */
export interface OverviewInput {
  db: Queryable;
  today: string;
  since: string;
  /** Shared by the sections that need it (one query for pain points and praise). */
  topics(): Promise<TopicsSummary>;
}

/**
 * One block of the overview: its data (one query) and its view. The overview is this list, in
 * order; a block for scores (experience_scores) or fired monitors (metric_alerts) is one more entry.
 */
export interface OverviewSection<T = unknown> {
  id: string;
  load(input: OverviewInput): Promise<T>;
  view(ctx: RenderContext, data: T): Html;
}

const section = <T>(s: OverviewSection<T>) => s as OverviewSection;

export const OVERVIEW_SECTIONS: readonly OverviewSection[] = [
  section({ id: 'pain-points', load: (i) => i.topics(), view: painPointsView }),
  section({ id: 'open-cases', load: (i) => loadOpenCases(i.db), view: openCasesView }),
  section({ id: 'praise', load: (i) => i.topics(), view: praiseView }),
];

export interface OverviewModel {
  sections: { id: string; data: unknown }[];
}

export async function loadOverview(db: Queryable, today: string, since: string): Promise<OverviewModel> {
  let topics: Promise<TopicsSummary> | undefined;
  const input: OverviewInput = { db, today, since, topics: () => (topics ??= loadTopicsSummary(db, today, since)) };
  const data = await Promise.all(OVERVIEW_SECTIONS.map((s) => s.load(input)));
  return { sections: OVERVIEW_SECTIONS.map((s, i) => ({ id: s.id, data: data[i] })) };
}

export function overviewBody(ctx: RenderContext, model: OverviewModel): Html[] {
  return model.sections.map((s) => OVERVIEW_SECTIONS.find((x) => x.id === s.id)!.view(ctx, s.data));
}
