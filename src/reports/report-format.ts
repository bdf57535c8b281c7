import { FieldError, ValidationFailed } from '../core/errors/domain-error';
import { isRealDate } from '../core/errors/validation';
import { HighlightReport, PortfolioReport } from './highlight-report';
import { renderPortfolioDocx, renderReportDocx } from './render/report-docx';
import { renderPortfolioPdf, renderReportPdf } from './render/report-pdf';

export const REPORT_FORMATS = ['json', 'pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<Exclude<ReportFormat, 'json'>, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Checks the query of a report request: asOf a real date if given, format one we make. */
export function reportQuery(asOf: unknown, format: unknown): { asOf?: string; format: ReportFormat } {
  const errors: FieldError[] = [];
  if (asOf !== undefined && !(typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(asOf) && isRealDate(asOf))) {
    errors.push({ field: 'asOf', message: 'expected a date as YYYY-MM-DD' });
  }
  if (format !== undefined && !(REPORT_FORMATS as readonly unknown[]).includes(format)) {
    errors.push({ field: 'format', message: `expected one of ${REPORT_FORMATS.join(', ')}` });
  }
  if (errors.length) throw new ValidationFailed(errors);
  return { asOf: asOf as string | undefined, format: (format as ReportFormat | undefined) ?? 'json' };
}

export function fileName(name: string, asOf: string, format: 'pdf' | 'docx'): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'programme';
  return `${slug}-highlight-report-${asOf}.${format}`;
}

export function renderReport(report: HighlightReport, format: 'pdf' | 'docx'): Promise<Buffer> {
  return format === 'pdf' ? renderReportPdf(report) : renderReportDocx(report);
}

export function renderPortfolio(report: PortfolioReport, format: 'pdf' | 'docx'): Promise<Buffer> {
  return format === 'pdf' ? renderPortfolioPdf(report) : renderPortfolioDocx(report);
}
