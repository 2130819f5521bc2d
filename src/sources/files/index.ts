export { readRecords, formatFromName, inputName, type RawRecord, type RecordFormat, type ReadRecordsOptions } from './read-records.ts';
export { detectEncoding, DecodeStream, type TextEncoding } from './decode.ts';
export { readXlsxRows, type XlsxRow } from './xlsx.ts';
