import { DECISIONS, GateDefinition, IsoDate, WorkflowDefinition } from '../../workflows/types';
import { email, isRealDate, slug } from '../core/errors/validation';
import { CellValue, SheetGrid } from './xlsx';
import { SHEETS, SheetKey, columnLetter } from './workbook-layout';

/** A problem with one cell: `field` is `Sheet!A1`, as a spreadsheet names it. */
export interface CellError {
  field: string;
  message: string;
  sheet: string;
  row: number;
  column: string;
}

export interface CellRef {
  sheet: string;
  row: number;
  column: string;
  header: string;
}

export interface PlannedGate {
  gateId: string;
  position: number;
  ownerName: string | null;
  ownerEmail: string | null;
  baselineDate: IsoDate | null;
  forecastDate: IsoDate | null;
  actualDate: IsoDate | null;
  consultation: { startsOn: IsoDate; closesOn: IsoDate; justification?: string } | null;
  note: string | null;
  status: string | null;
  cells: Record<string, CellRef>;
}

export type ReplayStep =
  | { kind: 'evidence'; gateId: string; itemId: string; on: IsoDate; cell: CellRef }
  | {
      kind: 'decision';
      gateId: string;
      partyId: string;
      decision: string;
      on: IsoDate;
      reference: string | null;
      conditions: string | null;
      cell: CellRef;
    }
  | { kind: 'complete'; gateId: string; on: IsoDate; cell: CellRef }
  | { kind: 'start'; gateId: string; on: IsoDate; closesOn: IsoDate; justification?: string; cell: CellRef }
  | { kind: 'close'; gateId: string; on: IsoDate; cell: CellRef };

/** A tracker that passed every cell check, ready to be replayed through the workflow. */
export interface TrackerPlan {
  name: string;
  def: WorkflowDefinition;
  sro: { name: string; email: string };
  gates: PlannedGate[];
  parties: Record<string, Array<{ id: string; name: string }>>;
  /** In the order to replay them: by date, then gate order, evidence before decisions before completion. */
  steps: ReplayStep[];
}

export interface ImportContext {
  definition(id: string, version?: number): WorkflowDefinition | undefined;
  today: IsoDate;
}

export const GATE_STATUSES = ['not-started', 'open', 'running', 'complete'];
const IMPORTED: SheetKey[] = ['programmes', 'gates', 'parties', 'decisions', 'evidence'];

/**
 * Checks a tracker workbook cell by cell and turns it into a plan, or into every error found,
 * each naming its sheet, row and column. Nothing here writes: the caller replays the plan
 * through the workflow and saves it only when that too succeeds.
 */
export function parseTracker(grid: SheetGrid, ctx: ImportContext): { plan: TrackerPlan } | { errors: CellError[] } {
  const errors: CellError[] = [];
  const fail = (cell: CellRef, message: string) =>
    errors.push({
      field: `${cell.sheet}!${cell.column}${cell.row}`,
      message: `${cell.header}: ${message}`,
      sheet: cell.sheet,
      row: cell.row,
      column: cell.column,
    });
  const sheetError = (sheet: string, message: string) =>
    errors.push({ field: `${sheet}!A1`, message, sheet, row: 1, column: 'A' });

  const sheets = new Map<SheetKey, SheetReader>();
  for (const key of IMPORTED) {
    const layout = SHEETS[key];
    const rows = grid.get(layout.name);
    if (!rows) {
      if (key === 'programmes' || key === 'gates') sheetError(layout.name, `the sheet '${layout.name}' is missing`);
      continue;
    }
    if (grid.has(`${layout.name}\u0000overflow`)) {
      sheetError(layout.name, `the sheet '${layout.name}' has more rows than a programme tracker can`);
      continue;
    }
    const reader = new SheetReader(key, rows, fail);
    const missing = reader.missingHeaders();
    if (missing.length) {
      sheetError(layout.name, `the header row lacks the column(s) ${missing.map((h) => `'${h}'`).join(', ')}`);
      continue;
    }
    sheets.set(key, reader);
  }
  if (errors.length) return { errors };

  // Programmes: exactly one.
  const programmes = sheets.get('programmes')!;
  const programmeRows = programmes.dataRows();
  if (programmeRows.length !== 1) {
    sheetError(
      'Programmes',
      `a tracker imports one programme: the sheet 'Programmes' has ${programmeRows.length} rows under its header`,
    );
    return { errors };
  }
  const p = programmeRows[0];
  const name = programmes.text(p, 'programme', { required: true, max: 200 });
  const workflowId = programmes.text(p, 'workflow', { required: true, max: 64 });
  const version = programmes.integer(p, 'workflowVersion');
  const sroName = programmes.text(p, 'sroName', { required: true, max: 200 });
  const sroEmail = programmes.email(p, 'sroEmail', true);
  let def: WorkflowDefinition | undefined;
  if (workflowId) {
    def = ctx.definition(workflowId, version ?? undefined);
    if (!def) {
      programmes.error(
        p,
        version !== null && ctx.definition(workflowId) ? 'workflowVersion' : 'workflow',
        `no workflow '${workflowId}'${version !== null ? ` version ${version}` : ''}`,
      );
    }
  }
  if (!def || !name) return { errors };

  const sameProgramme = (reader: SheetReader, row: number) => {
    const given = reader.text(row, 'programme', { max: 200 });
    if (given && given !== name)
      reader.error(row, 'programme', `'${given}' is not the programme being imported (${name})`);
  };

  // Gates.
  const gateDefs = new Map(def.gates.map((g, i) => [g.id, { def: g, position: i }]));
  const gatesSheet = sheets.get('gates')!;
  const gates = new Map<string, PlannedGate>();
  for (const r of gatesSheet.dataRows()) {
    sameProgramme(gatesSheet, r);
    const gateId = gatesSheet.text(r, 'gateId', { required: true, max: 64 });
    if (!gateId) continue;
    const known = gateDefs.get(gateId); // a Map: '__proto__' or 'constructor' is just an unknown gate
    if (!known) {
      gatesSheet.error(r, 'gateId', `${def.id} has no gate '${gateId}'`);
      continue;
    }
    if (gates.has(gateId)) {
      gatesSheet.error(r, 'gateId', `the gate '${gateId}' is listed twice`);
      continue;
    }
    const gate = readGate(gatesSheet, r, known.def, known.position, ctx.today);
    gates.set(gateId, gate);
  }

  // Parties.
  const parties: Record<string, Array<{ id: string; name: string }>> = {};
  const partiesSheet = sheets.get('parties');
  for (const r of partiesSheet?.dataRows() ?? []) {
    const s = partiesSheet!;
    sameProgramme(s, r);
    const gateId = approvalGate(s, r, gateDefs);
    const partyId = s.slug(r, 'partyId');
    const partyName = s.text(r, 'partyName', { required: true, max: 200 });
    if (!gateId || !partyId || !partyName) continue;
    const list = (parties[gateId] ??= []);
    if (list.some((x) => x.id === partyId)) s.error(r, 'partyId', `'${partyId}' is listed twice for ${gateId}`);
    else list.push({ id: partyId, name: partyName });
  }

  const steps: ReplayStep[] = [];
  // Decisions.
  const decisionsSheet = sheets.get('decisions');
  const lastDecided = new Map<string, IsoDate>();
  for (const r of decisionsSheet?.dataRows() ?? []) {
    const s = decisionsSheet!;
    sameProgramme(s, r);
    const gateId = approvalGate(s, r, gateDefs);
    const partyId = s.text(r, 'partyId', { required: true, max: 64 });
    const decision = s.text(r, 'decision', { required: true, max: 40 });
    const decidedOn = s.date(r, 'decidedOn', { required: true, notAfter: ctx.today });
    const reference = s.text(r, 'reference', { max: 200 });
    const conditions = s.text(r, 'conditions', { max: 2000, multiline: true });
    if (decision && !(DECISIONS as readonly string[]).includes(decision)) {
      s.error(r, 'decision', `'${decision}' is not one of ${DECISIONS.join(', ')}`);
      continue;
    }
    if (gateId && partyId && !(parties[gateId] ?? []).some((x) => x.id === partyId)) {
      s.error(r, 'partyId', `'${partyId}' is not a party of ${gateId} on the sheet 'Parties'`);
      continue;
    }
    if (!gateId || !partyId || !decision || !decidedOn) continue;
    // A party's later row is its later decision, even when dated earlier: replay keeps that order.
    const key = `${gateId}\u0000${partyId}`;
    const on = lastDecided.has(key) && lastDecided.get(key)! > decidedOn ? lastDecided.get(key)! : decidedOn;
    lastDecided.set(key, on);
    steps.push({
      kind: 'decision',
      gateId,
      partyId,
      decision,
      on,
      reference,
      conditions,
      cell: s.ref(r, 'decidedOn'),
    });
  }

  // Evidence.
  const evidenceSheet = sheets.get('evidence');
  for (const r of evidenceSheet?.dataRows() ?? []) {
    const s = evidenceSheet!;
    sameProgramme(s, r);
    const gateId = s.text(r, 'gateId', { required: true, max: 64 });
    const itemId = s.text(r, 'itemId', { required: true, max: 64 });
    const recordedOn = s.date(r, 'recordedOn', { notAfter: ctx.today });
    if (!gateId || !itemId) continue;
    const gateDef = gateDefs.get(gateId)?.def;
    if (!gateDef) {
      s.error(r, 'gateId', `${def.id} has no gate '${gateId}'`);
      continue;
    }
    if (!(gateDef.evidence ?? []).some((e) => e.id === itemId)) {
      s.error(r, 'itemId', `${gateDef.title} asks for no evidence '${itemId}'`);
      continue;
    }
    if (recordedOn) steps.push({ kind: 'evidence', gateId, itemId, on: recordedOn, cell: s.ref(r, 'recordedOn') });
  }

  for (const gate of gates.values()) {
    const kind = gateDefs.get(gate.gateId)!.def.kind;
    if (kind === 'consultation' && gate.consultation) {
      steps.push({
        kind: 'start',
        gateId: gate.gateId,
        on: gate.consultation.startsOn,
        closesOn: gate.consultation.closesOn,
        justification: gate.consultation.justification,
        cell: gate.cells.consultationStartsOn,
      });
      if (gate.actualDate)
        steps.push({ kind: 'close', gateId: gate.gateId, on: gate.actualDate, cell: gate.cells.actualDate });
    } else if (kind === 'task' && gate.actualDate) {
      steps.push({ kind: 'complete', gateId: gate.gateId, on: gate.actualDate, cell: gate.cells.actualDate });
    }
  }
  if (errors.length) return { errors };

  const rank = { evidence: 0, decision: 1, complete: 2, start: 2, close: 3 } as const;
  const order = steps.map((step, i) => ({ step, i }));
  order.sort(
    (a, b) =>
      a.step.on.localeCompare(b.step.on) ||
      gateDefs.get(a.step.gateId)!.position - gateDefs.get(b.step.gateId)!.position ||
      rank[a.step.kind] - rank[b.step.kind] ||
      a.i - b.i,
  );
  return {
    plan: {
      name,
      def,
      sro: { name: sroName!, email: sroEmail! },
      gates: [...gates.values()].sort((a, b) => a.position - b.position),
      parties,
      steps: order.map((o) => o.step),
    },
  };
}

function approvalGate(
  s: SheetReader,
  r: number,
  gateDefs: Map<string, { def: GateDefinition; position: number }>,
): string | null {
  const gateId = s.text(r, 'gateId', { required: true, max: 64 });
  if (!gateId) return null;
  const gate = gateDefs.get(gateId)?.def;
  if (!gate) {
    s.error(r, 'gateId', `the workflow has no gate '${gateId}'`);
    return null;
  }
  if (gate.kind !== 'approval') {
    s.error(r, 'gateId', `${gate.title} is not an approval gate`);
    return null;
  }
  return gateId;
}

function readGate(s: SheetReader, r: number, def: GateDefinition, position: number, today: IsoDate): PlannedGate {
  const ownerName = s.text(r, 'ownerName', { max: 200 });
  const ownerEmail = s.email(r, 'ownerEmail', false);
  if (ownerName && !ownerEmail && !s.hasError(r, 'ownerEmail'))
    s.error(r, 'ownerEmail', 'an owner needs an email address');
  if (ownerEmail && !ownerName) s.error(r, 'ownerName', 'an owner needs a name');
  const baselineDate = s.date(r, 'baselineDate', {});
  const forecastGiven = s.date(r, 'forecastDate', {});
  if (forecastGiven && !baselineDate && !s.hasError(r, 'baselineDate')) {
    s.error(r, 'baselineDate', 'a gate with a forecast needs its baseline (target) date');
  }
  const actualDate = s.date(r, 'actualDate', { notAfter: today });
  const startsOn = s.date(r, 'consultationStartsOn', { notAfter: today });
  const closesOn = s.date(r, 'consultationClosesOn', {});
  const justification = s.text(r, 'consultationJustification', { max: 2000, multiline: true });
  const note = s.text(r, 'note', { max: 2000, multiline: true });
  const status = s.text(r, 'status', { max: 20 });
  if (status && !GATE_STATUSES.includes(status))
    s.error(r, 'status', `'${status}' is not one of ${GATE_STATUSES.join(', ')}`);
  if (def.kind !== 'consultation') {
    for (const key of ['consultationStartsOn', 'consultationClosesOn', 'consultationJustification'] as const) {
      if (s.value(r, key) !== null) s.error(r, key, `${def.title} is not a consultation`);
    }
  } else {
    if (startsOn && !closesOn && !s.hasError(r, 'consultationClosesOn')) {
      s.error(r, 'consultationClosesOn', 'a consultation that has started needs its closing date');
    }
    if (!startsOn && actualDate && !s.hasError(r, 'consultationStartsOn')) {
      s.error(r, 'consultationStartsOn', 'a consultation that has closed needs the date it started');
    }
    if (startsOn && closesOn && closesOn <= startsOn) s.error(r, 'consultationClosesOn', 'must be after the start');
  }
  if (def.kind === 'approval' && actualDate && status && status !== 'complete') {
    s.error(r, 'actualDate', 'only a complete gate has an actual date');
  }
  const cells: Record<string, CellRef> = {};
  for (const c of SHEETS.gates.columns) cells[c.key] = s.ref(r, c.key);
  return {
    gateId: def.id,
    position,
    ownerName,
    ownerEmail,
    baselineDate,
    forecastDate: forecastGiven ?? baselineDate,
    actualDate,
    consultation: startsOn && closesOn ? { startsOn, closesOn, ...(justification ? { justification } : {}) } : null,
    note,
    status,
    cells,
  };
}

/** Reads one sheet's cells by the headers of the layout, reporting each bad cell once. */
class SheetReader {
  private readonly layout;
  private readonly columns = new Map<string, number>();
  private readonly failed = new Set<string>();

  constructor(
    key: SheetKey,
    private readonly rows: CellValue[][],
    private readonly fail: (cell: CellRef, message: string) => void,
  ) {
    this.layout = SHEETS[key];
    const header = rows[0] ?? [];
    header.forEach((cell, i) => {
      const text = typeof cell === 'string' ? cell.trim() : '';
      const column = this.layout.columns.find((c) => c.header.toLowerCase() === text.toLowerCase());
      if (column && !this.columns.has(column.key)) this.columns.set(column.key, i);
    });
  }

  missingHeaders(): string[] {
    return this.layout.columns.filter((c) => c.input && !this.columns.has(c.key)).map((c) => c.header);
  }

  /** Row numbers (1-based, as the spreadsheet shows them) of the rows under the header with anything in them. */
  dataRows(): number[] {
    const result: number[] = [];
    for (let i = 1; i < this.rows.length; i++) {
      const row = this.rows[i] ?? [];
      const inputs = [...this.columns.values()].map((c) => row[c]);
      if (inputs.some((v) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === ''))) {
        result.push(i + 1);
      }
    }
    return result;
  }

  ref(row: number, key: string): CellRef {
    const index = this.columns.get(key) ?? 0;
    const header = this.layout.columns.find((c) => c.key === key)?.header ?? key;
    return { sheet: this.layout.name, row, column: columnLetter(index + 1), header };
  }

  error(row: number, key: string, message: string): void {
    const id = `${row}:${key}`;
    if (this.failed.has(id)) return;
    this.failed.add(id);
    this.fail(this.ref(row, key), message);
  }

  hasError(row: number, key: string): boolean {
    return this.failed.has(`${row}:${key}`);
  }

  value(row: number, key: string): CellValue {
    const index = this.columns.get(key);
    if (index === undefined) return null;
    const v = this.rows[row - 1]?.[index];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
    return v;
  }

  text(row: number, key: string, o: { required?: boolean; max: number; multiline?: boolean }): string | null {
    const v = this.value(row, key);
    if (v === null) {
      if (o.required) this.error(row, key, 'must not be empty');
      return null;
    }
    if (v instanceof Date) {
      this.error(row, key, 'expected text, found a date');
      return null;
    }
    const text = String(v).trim();
    if (text.length > o.max) {
      this.error(row, key, `must be at most ${o.max} characters`);
      return null;
    }
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    if (!o.multiline && /[\u0000-\u001f\u007f]/.test(text)) {
      this.error(row, key, 'must be a single line without control characters');
      return null;
    }
    return text;
  }

  integer(row: number, key: string): number | null {
    const v = this.value(row, key);
    if (v === null) return null;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 1) {
      this.error(row, key, `'${String(v)}' is not a whole number`);
      return null;
    }
    return n;
  }

  email(row: number, key: string, required: boolean): string | null {
    const text = this.text(row, key, { required, max: 254 });
    if (text === null) return null;
    if (!email.safeParse(text).success) {
      this.error(row, key, `'${text}' is not an email address`);
      return null;
    }
    return text.toLowerCase();
  }

  slug(row: number, key: string): string | null {
    const text = this.text(row, key, { required: true, max: 64 });
    if (text === null) return null;
    if (!slug.safeParse(text).success) {
      this.error(row, key, `'${text}' should be lower-case letters, digits and hyphens (e.g. leicester-city-ccg)`);
      return null;
    }
    return text;
  }

  /** A date cell, or text as YYYY-MM-DD or DD/MM/YYYY; anything else, or a day that does not exist, is an error. */
  date(row: number, key: string, o: { required?: boolean; notAfter?: IsoDate }): IsoDate | null {
    const v = this.value(row, key);
    if (v === null) {
      if (o.required) this.error(row, key, 'must not be empty');
      return null;
    }
    let iso: string | null = null;
    if (v instanceof Date && !Number.isNaN(v.getTime())) {
      iso = v.toISOString().slice(0, 10);
    } else if (typeof v === 'string') {
      const text = v.trim();
      const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      const candidate = uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : text;
      if (/^\d{4}-\d{2}-\d{2}$/.test(candidate) && isRealDate(candidate)) iso = candidate;
      else if (/^\d{4}-\d{2}-\d{2}$/.test(candidate)) {
        this.error(row, key, `'${text}' is not a real calendar date`);
        return null;
      }
    }
    if (!iso || !isRealDate(iso)) {
      this.error(
        row,
        key,
        `'${v instanceof Date ? 'invalid date' : String(v)}' is not a date (use a date cell, or YYYY-MM-DD)`,
      );
      return null;
    }
    if (o.notAfter && iso > o.notAfter) {
      this.error(row, key, `${iso} is after today (${o.notAfter})`);
      return null;
    }
    return iso;
  }
}
