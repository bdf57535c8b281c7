import { SheetLayout, SheetRow } from './workbook-layout';

/**
 * One sheet as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they need it.
 * A text cell that starts like a formula (= + - @, tab, CR) gets a leading apostrophe, so that
 * a title typed by anybody cannot run as a formula when the file is opened in Excel.
 * A UTF-8 byte order mark lets Excel read names with accents correctly.
 */
export function toCsv(layout: SheetLayout, rows: SheetRow[]): string {
  const lines = [layout.columns.map((c) => field(c.header, 'text')).join(',')];
  for (const row of rows) {
    lines.push(layout.columns.map((c) => field(row[c.key] ?? null, c.type)).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function field(value: string | number | null, type: string): string {
  if (value === null) return '';
  let text = String(value);
  if (type === 'text' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
