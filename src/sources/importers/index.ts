export { importFile, type ImportOptions, type ImportResult } from './import-file.ts';
export { waitForImportRun } from './wait-for-run.ts';
export { openRows, type SourceRow } from './row-sources.ts';
