import type PDFDocumentType from 'pdfkit';
import { HighlightReport, PortfolioReport } from '../highlight-report';
import { loadPdfKit } from './libraries';
import {
  DECISION_HEADERS,
  LOOK_AHEAD_HEADERS,
  MILESTONE_HEADERS,
  RAG_COLOUR,
  RAG_LABEL,
  RISK_HEADERS,
  day,
  openConditionLine,
  openConditionsNote,
  decisionRow,
  lookAheadRow,
  milestoneRow,
  riskRow,
  subtitle,
  title,
} from './report-text';

type Doc = InstanceType<typeof PDFDocumentType>;

const MARGIN = 50;
const NHS_BLUE = '#005eb8';
const TEXT = '#212b32';
const GREY = '#4c6272';

/**
 * The highlight report as a PDF board paper (A4). The standard PDF fonts need no embedding,
 * and every date inside the file (creation, modification, and the file id made from them)
 * is the report's asOf: the same report gives the same bytes.
 */
export function renderReportPdf(report: HighlightReport): Promise<Buffer> {
  return render(title(report), report.asOf, (doc) => programmeSections(doc, report, 1));
}

export function renderPortfolioPdf(report: PortfolioReport): Promise<Buffer> {
  return render(`Portfolio highlight report`, report.asOf, (doc) => {
    heading(doc, 'Portfolio highlight report', 20);
    paragraph(
      doc,
      `As of ${day(report.asOf)}. ${report.summary.programmes} programme(s): ` +
        `${report.summary.red} red, ${report.summary.amber} amber, ${report.summary.green} green, ${report.summary.blue} complete.`,
    );
    table(
      doc,
      ['Programme', 'RAG', 'Why', 'SRO'],
      report.programmes.map((p) => [
        p.programme.name,
        RAG_LABEL[p.programme.rag],
        p.programme.ragReason,
        p.programme.sro.name,
      ]),
      [150, 50, 210, 85],
    );
    for (const p of report.programmes) {
      doc.addPage();
      programmeSections(doc, p, 2);
    }
  });
}

function render(docTitle: string, asOf: string, draw: (doc: Doc) => void): Promise<Buffer> {
  const PDFDocument = loadPdfKit();
  const fixed = new Date(`${asOf}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: docTitle,
      Author: 'Consultation Gates',
      Subject: 'Highlight report',
      Creator: 'Consultation Gates',
      Producer: 'Consultation Gates',
      CreationDate: fixed,
      ModDate: fixed,
    },
    lang: 'en-GB',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica').fillColor(TEXT);
  draw(doc);
  footers(doc, docTitle, asOf);
  doc.end();
  return done;
}

function programmeSections(doc: Doc, report: HighlightReport, level: 1 | 2): void {
  heading(doc, level === 1 ? title(report) : report.programme.name, level === 1 ? 20 : 16);
  paragraph(doc, subtitle(report), GREY);
  paragraph(doc, `Senior responsible owner: ${report.programme.sro.name}`);
  ragLine(doc, report);

  heading(doc, 'Milestones', 13);
  table(doc, MILESTONE_HEADERS, report.milestones.map(milestoneRow), [165, 65, 65, 65, 80, 55]);

  heading(doc, 'Decisions in the period', 13);
  if (report.decisions.length) {
    table(doc, DECISION_HEADERS, report.decisions.map(decisionRow), [60, 110, 80, 110, 135]);
  } else paragraph(doc, 'No decisions were recorded in the period.');
  if (report.openConditions.length) {
    heading(doc, 'Conditions still open', 11);
    paragraph(doc, openConditionsNote(report));
    for (const c of report.openConditions) paragraph(doc, openConditionLine(c));
  }

  heading(doc, `Top risks and issues (${report.risks.length} of ${report.openRiskCount} open)`, 13);
  if (report.risks.length) {
    table(doc, RISK_HEADERS, report.risks.map(riskRow), [60, 130, 80, 125, 40, 60]);
  } else paragraph(doc, 'No open risks or issues.');

  heading(doc, `Look-ahead to ${day(report.lookAheadUntil)}`, 13);
  if (report.lookAhead.length) table(doc, LOOK_AHEAD_HEADERS, report.lookAhead.map(lookAheadRow), [70, 270, 155]);
  else paragraph(doc, 'Nothing is due in the next month.');
}

function heading(doc: Doc, text: string, size: number): void {
  ensureRoom(doc, size * 3);
  doc.moveDown(size > 14 ? 0 : 0.6);
  doc
    .font('Helvetica-Bold')
    .fontSize(size)
    .fillColor(size > 14 ? NHS_BLUE : TEXT);
  doc.text(safe(text), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(10).fillColor(TEXT);
}

function paragraph(doc: Doc, text: string, colour = TEXT): void {
  doc.font('Helvetica').fontSize(10).fillColor(colour);
  doc.text(safe(text), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  doc.fillColor(TEXT);
}

function ragLine(doc: Doc, report: HighlightReport): void {
  ensureRoom(doc, 40);
  const y = doc.y + 2;
  doc.rect(MARGIN, y, 70, 18).fill(RAG_COLOUR[report.programme.rag]);
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(report.programme.rag === 'amber' ? TEXT : '#ffffff')
    .text(`${RAG_LABEL[report.programme.rag]}`, MARGIN, y + 5, { width: 70, align: 'center' });
  doc
    .font('Helvetica')
    .fillColor(TEXT)
    .text(`Overall: ${safe(report.programme.ragReason)}`, MARGIN + 80, y + 5, { width: contentWidth(doc) - 80 });
  doc.x = MARGIN;
  doc.moveDown(0.5);
}

/** A table that breaks across pages, its header repeated on each. */
function table(doc: Doc, headers: string[], rows: string[][], widths: number[]): void {
  const pad = 3;
  const heightOf = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    return Math.max(...cells.map((c, i) => doc.heightOfString(safe(c), { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], bold: boolean, shade: boolean) => {
    const h = heightOf(cells, bold);
    if (doc.y + h > doc.page.height - MARGIN - 20) {
      doc.addPage();
      if (!bold) drawRow(headers, true, true);
    }
    const y = doc.y;
    let x = MARGIN;
    if (shade) doc.rect(MARGIN, y, sum(widths), h).fill('#e8edee');
    doc
      .fillColor(TEXT)
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(9);
    cells.forEach((c, i) => {
      doc.text(safe(c), x + pad, y + pad, { width: widths[i] - 2 * pad });
      x += widths[i];
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + sum(widths), y + h)
      .lineWidth(0.5)
      .strokeColor('#aeb7bd')
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  drawRow(headers, true, true);
  for (const row of rows) drawRow(row, false, false);
  doc.font('Helvetica').fontSize(10);
  doc.moveDown(0.5);
}

function footers(doc: Doc, docTitle: string, asOf: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(GREY)
      .text(
        safe(`${docTitle}, as of ${day(asOf)}. Page ${i + 1} of ${range.count}`),
        MARGIN,
        doc.page.height - MARGIN + 15,
        { width: contentWidth(doc), align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN - 20) doc.addPage();
}

function contentWidth(doc: Doc): number {
  return doc.page.width - 2 * MARGIN;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * The standard PDF fonts cover Windows-1252 only: typographic characters outside it become
 * their nearest plain form, anything else a question mark, rather than a broken glyph.
 */
export function safe(text: string): string {
  return text.replace(/[\u2212\u2010\u2011]/g, '-').replace(
    // eslint-disable-next-line no-control-regex -- tab and line breaks are kept, other controls are not
    /[^\u0009\u000a\u000d\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g,
    '?',
  );
}
