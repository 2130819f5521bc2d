export { readRecords, readRecordsSync, inputName, type RawRecord, type RecordFormat, type ReadRecordsOptions } from './read-records.ts';
export { detectEncoding, RecordDecoder, type TextEncoding } from './decode.ts';
export { MAX_RECORD_BYTES } from './record-splitter.ts';
export { parseJsonLine } from './json-line.ts';
export { readXlsxRows, type XlsxRow } from './xlsx.ts';
export { fileFormatOf, type FileFormat } from './file-formats.ts';
