import type { Command } from 'commander';
import { declareServices } from './services.ts';
import { declareMigrate } from './migrate.ts';
import { declareReport } from './report.ts';
import { declareWorker } from './worker.ts';
import { declareQueues } from './queues.ts';
import { declareCrawl } from './crawl.ts';
import { declareSchedule } from './schedule.ts';
import { declareImport } from './import.ts';
import { declareDemo } from './demo.ts';
import { declareAlerts } from './alerts.ts';
import { declareServe } from './serve.ts';
import { declareVerifySignature } from './verify-signature.ts';
import { declareAnalyze } from './analyze.ts';
import { declareTrain } from './train.ts';
import { declareEval } from './eval.ts';
import { declareScores } from './scores.ts';
import { declareDrivers } from './drivers.ts';
import { declareMonitors } from './monitors.ts';
import { declareCases } from './cases.ts';
import { declareRootCause } from './rootcause.ts';
import { declareImprovements } from './improvements.ts';
import { declareEffect } from './effect.ts';
import { declareEvalAspects } from './eval-aspects.ts';

/**
 * A command declares itself on the program (name, flags, help) and, when run, reports its exit code
 * through `setExitCode` rather than exiting.
 */
export type DeclareCommand = (program: Command, setExitCode: (code: number) => void) => void;

/** Every `painpoint` command, in the order `--help` lists them. */
export const commands: DeclareCommand[] = [declareServices, declareMigrate, declareReport, declareImport, declareDemo, declareWorker, declareQueues, declareCrawl, declareSchedule, declareAlerts, declareCases, declareRootCause, declareImprovements, declareEffect, declareScores, declareDrivers, declareMonitors, declareServe, declareVerifySignature, declareAnalyze, declareTrain, declareEval, declareEvalAspects];
