export { buildReport, type ReportOptions } from './build-report.ts';
export { formatTable } from './format-text.ts';
export { formatHtml } from './format-html.ts';
export type { PainPointReport, PainPoint, Heatmap } from './report-model.ts';
export { topicLabels } from './topic-labels.ts';
