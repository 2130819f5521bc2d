import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../../src/sources/files/xlsx.ts';
import { InputError } from '../../../src/errors/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function writeWorkbook(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评价');
  for (const r of rows) ws.addRow(r);
  wb.addWorksheet('说明').addRow(['not records']);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('readXlsxRows', () => {
  it('streams the first sheet with the header row as field names', async () => {
    const file = await writeWorkbook('a.xlsx', [
      [],
      ['编号', '评价内容', '评分', '时间'],
      ['r1', '配送太慢了', 2, new Date(Date.UTC(2026, 10, 3, 18, 22, 5))],
      [1002, { richText: [{ text: '冰袋' }, { text: '都化了' }] }, '1星', '2026-11-04'],
      [null, null, null, null],
    ]);
    const rows = [];
    for await (const row of readXlsxRows(file)) rows.push(row);
    expect(rows).toEqual([
      { line: 3, fields: { 编号: 'r1', 评价内容: '配送太慢了', 评分: 2, 时间: '2026-11-03 18:22:05' } },
      { line: 4, fields: { 编号: 1002, 评价内容: '冰袋都化了', 评分: '1星', 时间: '2026-11-04' } },
    ]);
  });

  it('names the file when it is not a workbook', async () => {
    const file = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(file, 'id,text\n1,好\n');
    const read = async () => {
      for await (const _ of readXlsxRows(file)) void _;
    };
    await expect(read()).rejects.toThrow(InputError);
    await expect(read()).rejects.toThrow(/bad\.xlsx/);
  });
});
