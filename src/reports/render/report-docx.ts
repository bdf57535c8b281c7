import type * as Docx from 'docx';
import { HighlightReport, PortfolioReport } from '../highlight-report';
import { loadDocx, loadZip } from './libraries';
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

/**
 * The highlight report as a Word document, as board papers are circulated. docx stamps the
 * document's created and modified dates and each zip entry with the time of packing; both
 * are set to the report's asOf afterwards, so the same report gives the same bytes.
 */
export async function renderReportDocx(report: HighlightReport): Promise<Buffer> {
  const d = loadDocx();
  return pack(d, title(report), report.asOf, programmeSections(d, report, d.HeadingLevel.HEADING_1));
}

export async function renderPortfolioDocx(report: PortfolioReport): Promise<Buffer> {
  const d = loadDocx();
  const children: Array<Docx.Paragraph | Docx.Table> = [
    new d.Paragraph({ text: 'Portfolio highlight report', heading: d.HeadingLevel.HEADING_1 }),
    new d.Paragraph(
      `As of ${day(report.asOf)}. ${report.summary.programmes} programme(s): ${report.summary.red} red, ` +
        `${report.summary.amber} amber, ${report.summary.green} green, ${report.summary.blue} complete.`,
    ),
    table(
      d,
      ['Programme', 'RAG', 'Why', 'SRO'],
      report.programmes.map((p) => [
        p.programme.name,
        RAG_LABEL[p.programme.rag],
        p.programme.ragReason,
        p.programme.sro.name,
      ]),
    ),
  ];
  for (const p of report.programmes) {
    children.push(new d.Paragraph({ children: [new d.PageBreak()] }));
    children.push(...programmeSections(d, p, d.HeadingLevel.HEADING_2));
  }
  return pack(d, 'Portfolio highlight report', report.asOf, children);
}

type Level = (typeof Docx.HeadingLevel)[keyof typeof Docx.HeadingLevel];

function programmeSections(d: typeof Docx, report: HighlightReport, level: Level): Array<Docx.Paragraph | Docx.Table> {
  const sub = level === d.HeadingLevel.HEADING_1 ? d.HeadingLevel.HEADING_2 : d.HeadingLevel.HEADING_3;
  const out: Array<Docx.Paragraph | Docx.Table> = [
    new d.Paragraph({
      text: level === d.HeadingLevel.HEADING_1 ? title(report) : report.programme.name,
      heading: level,
    }),
    new d.Paragraph(subtitle(report)),
    new d.Paragraph(`Senior responsible owner: ${report.programme.sro.name}`),
    new d.Paragraph({
      children: [
        new d.TextRun({
          text: ` ${RAG_LABEL[report.programme.rag]} `,
          bold: true,
          color: report.programme.rag === 'amber' ? '212B32' : 'FFFFFF',
          shading: {
            type: d.ShadingType.SOLID,
            color: RAG_COLOUR[report.programme.rag].slice(1),
            fill: RAG_COLOUR[report.programme.rag].slice(1),
          },
        }),
        new d.TextRun(` Overall: ${report.programme.ragReason}`),
      ],
    }),
    new d.Paragraph({ text: 'Milestones', heading: sub }),
    table(d, MILESTONE_HEADERS, report.milestones.map(milestoneRow)),
    new d.Paragraph({ text: 'Decisions in the period', heading: sub }),
  ];
  if (report.decisions.length) out.push(table(d, DECISION_HEADERS, report.decisions.map(decisionRow)));
  else out.push(new d.Paragraph('No decisions were recorded in the period.'));
  if (report.openConditions.length) {
    out.push(new d.Paragraph({ text: 'Conditions still open', heading: d.HeadingLevel.HEADING_4 }));
    out.push(new d.Paragraph(openConditionsNote(report)));
    for (const c of report.openConditions) out.push(new d.Paragraph(openConditionLine(c)));
  }
  out.push(
    new d.Paragraph({
      text: `Top risks and issues (${report.risks.length} of ${report.openRiskCount} open)`,
      heading: sub,
    }),
  );
  if (report.risks.length) out.push(table(d, RISK_HEADERS, report.risks.map(riskRow)));
  else out.push(new d.Paragraph('No open risks or issues.'));
  out.push(new d.Paragraph({ text: `Look-ahead to ${day(report.lookAheadUntil)}`, heading: sub }));
  if (report.lookAhead.length) out.push(table(d, LOOK_AHEAD_HEADERS, report.lookAhead.map(lookAheadRow)));
  else out.push(new d.Paragraph('Nothing is due in the next month.'));
  return out;
}

function table(d: typeof Docx, headers: string[], rows: string[][]): Docx.Table {
  const cell = (text: string, header: boolean) =>
    new d.TableCell({
      children: [new d.Paragraph({ children: [new d.TextRun({ text, bold: header, size: 18 })] })],
      ...(header ? { shading: { type: d.ShadingType.CLEAR, color: 'auto', fill: 'E8EDEE' } } : {}),
    });
  return new d.Table({
    width: { size: 100, type: d.WidthType.PERCENTAGE },
    rows: [
      new d.TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }),
      ...rows.map((r) => new d.TableRow({ cantSplit: true, children: r.map((c) => cell(c, false)) })),
    ],
  });
}

async function pack(
  d: typeof Docx,
  docTitle: string,
  asOf: string,
  children: Array<Docx.Paragraph | Docx.Table>,
): Promise<Buffer> {
  const doc = new d.Document({
    title: docTitle,
    creator: 'Consultation Gates',
    description: 'Highlight report',
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 } } },
        footers: {
          default: new d.Footer({
            children: [
              new d.Paragraph({
                alignment: d.AlignmentType.CENTER,
                children: [
                  new d.TextRun({ text: `${docTitle}, as of ${day(asOf)}. Page `, size: 16 }),
                  new d.TextRun({ children: [d.PageNumber.CURRENT], size: 16 }),
                  new d.TextRun({ text: ' of ', size: 16 }),
                  new d.TextRun({ children: [d.PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return fixDates(Buffer.from(await d.Packer.toBuffer(doc)), asOf);
}

/** Rewrites the package with the core properties' dates and every entry's time set to asOf. */
function fixDates(packed: Buffer, asOf: string): Buffer {
  const { unzipSync, zipSync, strToU8, strFromU8 } = loadZip();
  const files = unzipSync(packed);
  const stamp = `${asOf}T00:00:00Z`;
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(
        /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_m, open: string, _name: string, close: string) => `${open}${stamp}${close}`,
      ),
    );
  }
  // Zip times are local DOS times: noon keeps the day whatever the server's time zone.
  const mtime = new Date(`${asOf}T12:00:00`);
  const names = Object.keys(files);
  return Buffer.from(zipSync(Object.fromEntries(names.map((n) => [n, [files[n], { mtime, level: 6 }]])), { mtime }));
}
