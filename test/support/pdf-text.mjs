/* global process */
// Reads a PDF with pdf-parse (pdf.js) in a process of its own: pdf.js loads its worker with a
// native import(), which Jest cannot run without making the whole suite ESM. Prints
// { text, pages, info } as JSON for the PDF file named on the command line.
import { readFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';

const parser = new PDFParse({ data: new Uint8Array(readFileSync(process.argv[2])) });
try {
  const text = await parser.getText();
  const info = await parser.getInfo();
  process.stdout.write(JSON.stringify({ text: text.text, pages: text.total, info: info.info ?? {} }));
} finally {
  await parser.destroy();
}
