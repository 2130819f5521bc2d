import { InputError } from '../../errors/index.ts';

/** One data row of a sheet: cells by header, and the row's number as Excel shows it. */
export interface XlsxRow {
  line: number;
  fields: Record<string, unknown>;
}

/**
 * Streams the first worksheet of an .xlsx file row by row (exceljs's streaming WorkbookReader:
 * the workbook is never held in memory). The first non-empty row is the header. Dates come back as
 * wall-clock strings ("2026-11-03 18:22:05"): Excel cells have no time zone, so ingest reads them
 * in the configured one.
 */
export async function* readXlsxRows(file: string, options: { onHeader?: (columns: readonly string[]) => void } = {}): AsyncGenerator<XlsxRow> {
  // Loaded here, not at the top: every command that reads files would pay its 0.15 s otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles are read only because a date cell is a number whose format says it is a date.
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let header: string[] | undefined;
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellValue);
        if (values.every((v) => v === undefined || v === '')) continue;
        if (!header) {
          header = values.map((v, i) => (v === undefined || v === '' ? `column_${i + 1}` : String(v).trim()));
          options.onHeader?.(header);
          continue;
        }
        const fields: Record<string, unknown> = {};
        header.forEach((name, i) => {
          const v = values[i];
          if (v !== undefined && v !== '') fields[name] = v;
        });
        yield { line: row.number, fields };
      }
      // Only the first sheet holds the export; the rest (pivots, notes) are not records.
      break;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`not a readable .xlsx workbook (${err instanceof Error ? err.message : String(err)})`, { file }, err);
  }
  if (!header) throw new InputError('the first worksheet is empty', { file });
}

/** A cell as a plain value: rich text joined, hyperlinks by their text, formulas by their result. */
function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return wallClock(v);
  if (typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
  if ('result' in o) return cellValue(o.result);
  if ('text' in o) return cellValue(o.text);
  if ('error' in o) return undefined;
  return JSON.stringify(o);
}

function wallClock(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
