import type { DeclareCommand } from '../command.ts';

export interface CommandEntry {
  name: string;
  /** The line `painpoint --help` lists; the command's own `--help` has its full description. */
  summary: string;
  /** Imports the command's module, and with it only the dependencies that command needs. */
  load: () => Promise<DeclareCommand>;
}

/**
 * Every `painpoint` command, in the order `--help` lists them. Only the command being run is
 * loaded: loading them all pulls in Playwright, ExcelJS, BullMQ and the rest, about a second
 * before anything happens. A new command is one line here: its name, its summary and its module.
 */
export const commands: readonly CommandEntry[] = [
  { name: 'services', summary: 'Start, stop or show the local services (embedded Postgres, redis-server)', load: async () => (await import('./services.ts')).declareServices },
  { name: 'migrate', summary: 'Create or update the database tables and views', load: async () => (await import('./migrate.ts')).declareMigrate },
  { name: 'report', summary: 'Top pain points: negative mentions, share and change', load: async () => (await import('./report.ts')).declareReport },
  { name: 'import', summary: 'Import reviews, chat sessions or social posts from a CSV, JSONL or XLSX file', load: async () => (await import('./import.ts')).declareImport },
  { name: 'demo', summary: 'Run the bundled sample data through the whole pipeline and print the report', load: async () => (await import('./demo.ts')).declareDemo },
  { name: 'worker', summary: 'Run the pipeline stages on the queues until stopped', load: async () => (await import('./worker.ts')).declareWorker },
  { name: 'queues', summary: 'Show job counts per queue and state', load: async () => (await import('./queues.ts')).declareQueues },
  { name: 'crawl', summary: 'Crawl one source of sources.yaml now', load: async () => (await import('./crawl.ts')).declareCrawl },
  { name: 'schedule', summary: 'Crawl schedules of the sources in sources.yaml', load: async () => (await import('./schedule.ts')).declareSchedule },
  { name: 'alerts', summary: 'List alerts and their delivery, or deliver failed ones again', load: async () => (await import('./alerts.ts')).declareAlerts },
  { name: 'case', summary: 'Acknowledge, resolve or show a case (an alert) from the terminal', load: async () => (await import('./cases.ts')).declareCases },
  { name: 'rootcause', summary: 'Record and list root causes (5-Why chains, fishbone categories 人机料法环测)', load: async () => (await import('./rootcause.ts')).declareRootCause },
  { name: 'improvements', summary: 'Record improvements and list them with their verdicts, or the bi-weekly list', load: async () => (await import('./improvements.ts')).declareImprovements },
  { name: 'effect', summary: 'Did an improvement work: its topic rate before and after, with a significance test', load: async () => (await import('./effect.ts')).declareEffect },
  { name: 'scores', summary: 'NPS, CSAT and CES with 95% intervals per group, against the targets', load: async () => (await import('./scores.ts')).declareScores },
  { name: 'drivers', summary: 'What each topic costs NPS or CSAT, with an interval', load: async () => (await import('./drivers.ts')).declareDrivers },
  { name: 'monitors', summary: 'Metric monitors (config/monitors.yaml): check and list', load: async () => (await import('./monitors.ts')).declareMonitors },
  { name: 'serve', summary: 'Serve the dashboard and the case API', load: async () => (await import('./serve.ts')).declareServe },
  { name: 'verify-signature', summary: 'Check the X-Painpoint-Signature of a saved webhook request', load: async () => (await import('./verify-signature.ts')).declareVerifySignature },
  { name: 'analyze', summary: 'Analyze CSV or JSONL records: one JSON line per record with sentiment, aspects and alerts', load: async () => (await import('./analyze.ts')).declareAnalyze },
  { name: 'train', summary: 'Train a sentiment model on labelled reviews', load: async () => (await import('./train.ts')).declareTrain },
  { name: 'eval', summary: 'Score document sentiment on a labelled CSV', load: async () => (await import('./eval.ts')).declareEval },
  { name: 'eval-aspects', summary: 'Score aspects, alerts and sentiment on the hand-labelled reviews', load: async () => (await import('./eval-aspects.ts')).declareEvalAspects },
];
