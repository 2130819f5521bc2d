export { checkTextColumn, importFile, type ImportOptions, type ImportResult } from './import-file.ts';
export { failedBatchesOf, waitForImportRun, type FailedBatch, type WaitedRun } from './wait-for-run.ts';
export { openRows, type SourceRow } from './row-sources.ts';
