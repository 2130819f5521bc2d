import path from 'node:path';

export type FileFormat = 'csv' | 'jsonl' | 'xlsx';

/** Input formats by file extension: the one list `import`, `analyze` and the readers go by. */
export const FILE_FORMATS: Readonly<Record<string, FileFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
  '.xlsx': 'xlsx',
};

/** A file's format by its extension (any case), if painpoint reads that extension. */
export function fileFormatOf(file: string): FileFormat | undefined {
  return FILE_FORMATS[path.extname(file).toLowerCase()];
}
