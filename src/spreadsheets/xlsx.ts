import type { Workbook, Worksheet } from 'exceljs';
import { toDay } from '../calendar/iso-date';
import { loadZip } from '../reports/render/libraries';
import { SHEETS, SheetKey, SheetRow } from './workbook-layout';

/** A cell as the import sees it: text, a number, a date (UTC midnight for a date cell), or empty. */
export type CellValue = string | number | boolean | Date | null;
/** Each sheet by name: its rows, each an array of cells from column A. */
export type SheetGrid = Map<string, CellValue[][]>;

const DATE_FORMAT = 'dd/mm/yyyy';
const INSTANT_FORMAT = 'dd/mm/yyyy hh:mm';

// exceljs is loaded when a workbook is first asked for, not at start-up (see renderIcs for
// why require() rather than import()).
function exceljs(): typeof import('exceljs') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof import('exceljs');
}

/**
 * Writes the sheets in the workbook layout: real date cells (Excel serial dates, shown as
 * dd/mm/yyyy), the header row frozen and bold, a filter on every column. `at` is the
 * document's created/modified time, so the same data gives the same workbook.
 */
export async function writeWorkbook(
  sheets: Array<{ key: SheetKey; rows: SheetRow[] }>,
  at: Date,
  dataValidation?: { gates?: string[]; statuses?: string[]; decisions?: string[] },
): Promise<Buffer> {
  const { Workbook } = exceljs();
  const workbook: Workbook = new Workbook();
  workbook.creator = 'Consultation Gates';
  workbook.created = at;
  workbook.modified = at;
  for (const { key, rows } of sheets) {
    const layout = SHEETS[key];
    const sheet: Worksheet = workbook.addWorksheet(layout.name, {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    });
    sheet.columns = layout.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: c.type === 'date' ? { numFmt: DATE_FORMAT } : c.type === 'instant' ? { numFmt: INSTANT_FORMAT } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) {
      const values: Record<string, unknown> = {};
      for (const c of layout.columns) {
        const value = row[c.key] ?? null;
        values[c.key] =
          value === null
            ? null
            : c.type === 'date'
              ? new Date(toDay(String(value)) * 86_400_000)
              : c.type === 'instant'
                ? new Date(String(value))
                : value;
      }
      sheet.addRow(values);
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: layout.columns.length } };
    if (dataValidation) addLists(sheet, key, rows.length, dataValidation);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Drop-down lists in the template, so that a status or a decision is typed as the import reads it. */
function addLists(
  sheet: Worksheet,
  key: SheetKey,
  rowCount: number,
  lists: { statuses?: string[]; decisions?: string[] },
): void {
  const last = Math.max(rowCount + 1, 200);
  const list = (header: string, values: string[] | undefined) => {
    const index = SHEETS[key].columns.findIndex((c) => c.header === header);
    if (index < 0 || !values?.length) return;
    for (let r = 2; r <= last; r++) {
      sheet.getCell(r, index + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
      };
    }
  };
  if (key === 'gates') list('Status', lists.statuses);
  if (key === 'decisions') list('Decision', lists.decisions);
}

export class NotAWorkbook extends Error {}

/** A workbook whose parts, unpacked, are larger than the import reads. */
export class WorkbookTooLarge extends Error {
  constructor(readonly unpackedBytes: number) {
    super(`the workbook unpacks to ${unpackedBytes} bytes`);
  }
}

/**
 * The unpacked size of an .xlsx (a zip) as its directory declares it, read without inflating
 * anything: fflate's filter sees each entry's declared size and is told to skip it.
 */
function unpackedSize(bytes: Buffer): number {
  const { unzipSync } = loadZip();
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        total += entry.originalSize;
        return false;
      },
    });
  } catch (error) {
    throw new NotAWorkbook((error as Error).message);
  }
  return total;
}

/**
 * Reads every sheet's cells; throws NotAWorkbook for bytes that are not an .xlsx file, and
 * WorkbookTooLarge, before unpacking it, for one whose parts add up to more than maxUnpackedBytes.
 */
export async function readWorkbook(
  bytes: Buffer,
  limits: { maxRows: number; maxUnpackedBytes: number },
): Promise<SheetGrid> {
  const unpacked = unpackedSize(bytes);
  if (unpacked > limits.maxUnpackedBytes) throw new WorkbookTooLarge(unpacked);
  const { Workbook } = exceljs();
  const workbook: Workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new NotAWorkbook((error as Error).message);
  }
  const grid: SheetGrid = new Map();
  workbook.eachSheet((sheet) => {
    const rows: CellValue[][] = [];
    const count = Math.min(sheet.actualRowCount === 0 ? 0 : sheet.rowCount, limits.maxRows + 1);
    for (let r = 1; r <= count; r++) {
      const row = sheet.getRow(r);
      const cells: CellValue[] = [];
      for (let c = 1; c <= Math.min(row.cellCount, 64); c++) cells.push(plain(row.getCell(c).value));
      rows.push(cells);
    }
    grid.set(sheet.name, rows);
    if (sheet.rowCount > limits.maxRows + 1) grid.set(`${sheet.name}\u0000overflow`, []);
  });
  return grid;
}

/** Formulas give their result, rich text its words, hyperlinks their text. */
function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: Array<{ text: string }>; text?: unknown; error?: string };
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return plain(v.result);
    if ('text' in v) return plain(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(value);
}
