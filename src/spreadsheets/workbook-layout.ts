// The workbook's sheets and columns, in one place: the export writes them, the template is
// them with the gates of a workflow filled in, and the import reads the columns marked
// `input` back by their headers. Change a header here and all three follow.

export type CellType = 'text' | 'date' | 'instant' | 'number';

export interface SheetColumn {
  key: string;
  header: string;
  type: CellType;
  width: number;
  /** Read back by the import; the others are the service's own output (RAG, scores) and ignored. */
  input?: boolean;
}

export interface SheetLayout {
  key: SheetKey;
  name: string;
  columns: SheetColumn[];
}

export type SheetKey = 'programmes' | 'gates' | 'parties' | 'decisions' | 'evidence' | 'risks' | 'audit';

/** A row as the export builds it: dates as YYYY-MM-DD, instants as ISO strings. */
export type SheetRow = Record<string, string | number | null>;

const col = (key: string, header: string, type: CellType, width: number, input = false): SheetColumn => ({
  key,
  header,
  type,
  width,
  ...(input ? { input } : {}),
});

export const SHEETS: Record<SheetKey, SheetLayout> = {
  programmes: {
    key: 'programmes',
    name: 'Programmes',
    columns: [
      col('programme', 'Programme', 'text', 34, true),
      col('workflow', 'Workflow', 'text', 22, true),
      col('workflowVersion', 'Workflow version', 'number', 10, true),
      col('sroName', 'SRO name', 'text', 22, true),
      col('sroEmail', 'SRO email', 'text', 30, true),
      col('state', 'Current gate', 'text', 22),
      col('rag', 'RAG', 'text', 8),
      col('ragReason', 'RAG reason', 'text', 50),
      col('consultationBaseline', 'Consultation target start', 'date', 14),
      col('consultationForecast', 'Consultation forecast start', 'date', 14),
    ],
  },
  gates: {
    key: 'gates',
    name: 'Gates',
    columns: [
      col('programme', 'Programme', 'text', 28, true),
      col('gateId', 'Gate id', 'text', 26, true),
      col('title', 'Gate', 'text', 30),
      col('kind', 'Kind', 'text', 12),
      col('status', 'Status', 'text', 12, true),
      col('ownerName', 'Owner name', 'text', 24, true),
      col('ownerEmail', 'Owner email', 'text', 30, true),
      col('baselineDate', 'Baseline date', 'date', 14, true),
      col('forecastDate', 'Forecast date', 'date', 14, true),
      col('actualDate', 'Actual date', 'date', 14, true),
      col('consultationStartsOn', 'Consultation starts', 'date', 14, true),
      col('consultationClosesOn', 'Consultation closes', 'date', 14, true),
      col('consultationJustification', 'Consultation justification', 'text', 30, true),
      col('note', 'Note', 'text', 30, true),
      col('rag', 'RAG', 'text', 8),
      col('ragReason', 'RAG reason', 'text', 50),
      // Read only: the forecast moved to today (overdue) or carried by an overdue gate, as the pages show it.
      col('projectedForecast', 'Forecast projected to today', 'date', 16),
    ],
  },
  parties: {
    key: 'parties',
    name: 'Parties',
    columns: [
      col('programme', 'Programme', 'text', 28, true),
      col('gateId', 'Gate id', 'text', 22, true),
      col('partyId', 'Party id', 'text', 30, true),
      col('partyName', 'Party', 'text', 40, true),
    ],
  },
  decisions: {
    key: 'decisions',
    name: 'Decisions',
    columns: [
      col('programme', 'Programme', 'text', 28, true),
      col('gateId', 'Gate id', 'text', 22, true),
      col('partyId', 'Party id', 'text', 30, true),
      col('partyName', 'Party', 'text', 36),
      col('decision', 'Decision', 'text', 24, true),
      col('decidedOn', 'Decided on', 'date', 14, true),
      col('reference', 'Reference', 'text', 30, true),
      col('conditions', 'Conditions', 'text', 40, true),
      col('inForce', 'In force', 'text', 8),
      col('recordedBy', 'Recorded by', 'text', 30),
      col('recordedAt', 'Recorded at (UTC)', 'instant', 18),
    ],
  },
  evidence: {
    key: 'evidence',
    name: 'Evidence',
    columns: [
      col('programme', 'Programme', 'text', 28, true),
      col('gateId', 'Gate id', 'text', 28, true),
      col('itemId', 'Item id', 'text', 30, true),
      col('item', 'Item', 'text', 44),
      col('recordedOn', 'Recorded on', 'date', 14, true),
    ],
  },
  risks: {
    key: 'risks',
    name: 'Risks',
    columns: [
      col('programme', 'Programme', 'text', 28),
      col('riskId', 'Risk id', 'text', 36),
      col('kind', 'Kind', 'text', 8),
      col('title', 'Title', 'text', 36),
      col('description', 'Description', 'text', 40),
      col('ownerName', 'Owner name', 'text', 22),
      col('ownerEmail', 'Owner email', 'text', 30),
      col('likelihood', 'Likelihood', 'number', 10),
      col('impact', 'Impact', 'number', 10),
      col('score', 'Score', 'number', 8),
      col('rating', 'Rating', 'text', 10),
      col('targetScore', 'Target score', 'number', 10),
      col('mitigation', 'Mitigation', 'text', 40),
      col('reviewOn', 'Review on', 'date', 14),
      col('gateIds', 'Gate ids', 'text', 30),
      col('status', 'Status', 'text', 8),
      col('closedOn', 'Closed on', 'date', 14),
    ],
  },
  audit: {
    key: 'audit',
    name: 'Audit',
    columns: [
      col('programme', 'Programme', 'text', 28),
      col('at', 'At (UTC)', 'instant', 18),
      col('actor', 'Actor', 'text', 36),
      col('action', 'Action', 'text', 22),
      col('gateId', 'Gate id', 'text', 24),
      col('detail', 'Detail', 'text', 80),
    ],
  },
};

export const SHEET_ORDER: SheetKey[] = ['programmes', 'gates', 'parties', 'decisions', 'evidence', 'risks', 'audit'];

export function isSheetKey(value: unknown): value is SheetKey {
  return typeof value === 'string' && Object.hasOwn(SHEETS, value);
}

/** Column letters as a spreadsheet names them: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
