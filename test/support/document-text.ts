import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mammoth from 'mammoth';

// Independent readers for the documents the service writes: the text a person would see.

/** The text of a PDF as pdf-parse (pdf.js) reads it, in a separate Node process (see pdf-text.mjs). */
export async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number; info: Record<string, unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-text.mjs'), file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function docxText(bytes: Buffer): Promise<string> {
  const result = await mammoth.extractRawText({ buffer: bytes });
  return result.value;
}

/** Collapses runs of white space, so that text wrapped across lines or cells still matches. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
