import { HighlightReport, PortfolioReport } from '../reports/highlight-report';
import {
  DECISION_LABEL,
  day,
  lookAheadRow,
  milestoneRow,
  movement,
  openConditionLine,
  openConditionsNote,
  riskRow as reportRiskRow,
} from '../reports/render/report-text';
import { DECISION_TAGS, RAG_TAGS } from './labels';
import { RATING_TAGS } from './risk-pages';

// The highlight report as a page that prints as a board paper: the same words as the PDF and
// the Word document (src/reports/render/report-text.ts), in the NHS design system.

export function reportSection(report: HighlightReport) {
  const id = encodeURIComponent(report.programme.id);
  const q = `asOf=${report.asOf}`;
  return {
    id: report.programme.id,
    name: report.programme.name,
    href: `/programmes/${id}`,
    asOf: day(report.asOf),
    previousAsOf: day(report.previousAsOf),
    lookAheadUntil: day(report.lookAheadUntil),
    sro: report.programme.sro.name,
    rag: RAG_TAGS[report.programme.rag],
    ragReason: report.programme.ragReason,
    milestones: report.milestones.map((m) => {
      const [title, baseline, forecast, actual] = milestoneRow(m);
      return { title, baseline, forecast, actual, movement: movement(m), rag: RAG_TAGS[m.rag], ragReason: m.ragReason };
    }),
    decisions: report.decisions.map((d) => ({
      date: day(d.decidedOn),
      party: d.partyName,
      gate: d.gateTitle,
      decision: DECISION_TAGS[d.decision as keyof typeof DECISION_TAGS] ?? {
        text: DECISION_LABEL[d.decision] ?? d.decision,
        colour: 'grey',
      },
      reference: d.reference ?? '',
      conditions: d.conditions ?? '',
    })),
    openConditions: report.openConditions.map(openConditionLine),
    openConditionsNote: openConditionsNote(report),
    risks: report.risks.map((r) => {
      const [, title, owner, mitigation, target, review] = reportRiskRow(r);
      return { score: r.score, rating: RATING_TAGS[r.rating], title, owner, mitigation, target, review };
    }),
    openRiskCount: report.openRiskCount,
    lookAhead: report.lookAhead.map((i) => {
      const [date, what, owner] = lookAheadRow(i);
      return { date, what, owner };
    }),
    downloads: {
      pdf: `/api/programmes/${id}/report?${q}&format=pdf`,
      docx: `/api/programmes/${id}/report?${q}&format=docx`,
      json: `/api/programmes/${id}/report?${q}`,
    },
  };
}

export function reportPage(report: HighlightReport) {
  return {
    report: reportSection(report),
    asOfValue: report.asOf,
    action: `/programmes/${encodeURIComponent(report.programme.id)}/report`,
  };
}

export function portfolioPage(report: PortfolioReport) {
  const q = `asOf=${report.asOf}`;
  return {
    asOf: day(report.asOf),
    asOfValue: report.asOf,
    action: '/reports/portfolio',
    summary: report.summary,
    programmes: report.programmes.map(reportSection),
    downloads: {
      pdf: `/api/programmes/report?${q}&format=pdf`,
      docx: `/api/programmes/report?${q}&format=docx`,
      json: `/api/programmes/report?${q}`,
    },
  };
}
