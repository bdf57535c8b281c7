import { getDefinition } from '../../workflows/registry';
import { parseTracker } from './tracker-import';
import { CellValue, SheetGrid } from './xlsx';
import { SHEETS } from './workbook-layout';

const ctx = { definition: (id: string, version?: number) => getDefinition(id, version), today: '2015-10-30' };

/** A grid with the layout's headers and the given rows, each a map from header to value. */
function grid(
  sheets: Partial<Record<'programmes' | 'gates' | 'parties' | 'decisions', Array<Record<string, CellValue>>>>,
) {
  const result: SheetGrid = new Map();
  for (const key of ['programmes', 'gates', 'parties', 'decisions'] as const) {
    const headers = SHEETS[key].columns.map((c) => c.header);
    const rows = (sheets[key] ?? []).map((row) => headers.map((h) => row[h] ?? null));
    result.set(SHEETS[key].name, [headers, ...rows]);
  }
  return result;
}

const PROGRAMME = {
  Programme: 'Better Care Together',
  Workflow: 'nhs-service-change',
  'Workflow version': 1,
  'SRO name': 'Kate Shields',
  'SRO email': 'kate.shields@example.nhs.uk',
};

describe('parseTracker', () => {
  it('reads a tracker into a plan, replay steps in date order', () => {
    const result = parseTracker(
      grid({
        programmes: [PROGRAMME],
        gates: [
          { 'Gate id': 'pcbc-draft', 'Baseline date': new Date(Date.UTC(2015, 8, 4)), 'Actual date': '07/09/2015' },
          { 'Gate id': 'partner-approvals', 'Baseline date': '2015-10-26', 'Forecast date': '2015-10-30' },
        ],
        parties: [{ 'Gate id': 'partner-approvals', 'Party id': 'leicester-city-ccg', Party: 'Leicester City CCG' }],
        decisions: [
          {
            'Gate id': 'partner-approvals',
            'Party id': 'leicester-city-ccg',
            Decision: 'deferred',
            'Decided on': '2015-10-13',
          },
        ],
      }),
      ctx,
    );
    if (!('plan' in result)) throw new Error(JSON.stringify(result.errors));
    const { plan } = result;
    expect(plan.def).toMatchObject({ id: 'nhs-service-change', version: 1 });
    expect(plan.sro.email).toBe('kate.shields@example.nhs.uk');
    expect(plan.gates.map((g) => [g.gateId, g.baselineDate, g.forecastDate, g.actualDate])).toEqual([
      ['pcbc-draft', '2015-09-04', '2015-09-04', '2015-09-07'],
      ['partner-approvals', '2015-10-26', '2015-10-30', null],
    ]);
    expect(plan.steps.map((s) => [s.kind, s.gateId, s.on])).toEqual([
      ['complete', 'pcbc-draft', '2015-09-07'],
      ['decision', 'partner-approvals', '2015-10-13'],
    ]);
  });

  it('names every bad cell by sheet, row and column, and plans nothing', () => {
    const result = parseTracker(
      grid({
        programmes: [{ ...PROGRAMME, 'SRO email': 'kate' }],
        gates: [
          { 'Gate id': 'pcbc-draft', 'Baseline date': '2015-02-30', 'Actual date': '2015-11-02' },
          { 'Gate id': '__proto__' },
          { 'Gate id': 'clinical-senate-review', Status: 'done', 'Consultation starts': '2015-10-01' },
        ],
        decisions: [{ 'Gate id': 'pcbc-draft', 'Party id': 'x', Decision: 'approved', 'Decided on': '2015-10-01' }],
      }),
      ctx,
    );
    expect('errors' in result && result.errors.map((e) => `${e.field} ${e.message}`)).toEqual([
      "Programmes!E2 SRO email: 'kate' is not an email address",
      "Gates!H2 Baseline date: '2015-02-30' is not a real calendar date",
      'Gates!J2 Actual date: 2015-11-02 is after today (2015-10-30)',
      "Gates!B3 Gate id: nhs-service-change has no gate '__proto__'",
      "Gates!E4 Status: 'done' is not one of not-started, open, running, complete",
      'Gates!K4 Consultation starts: Clinical senate review is not a consultation',
      'Decisions!B2 Gate id: PCBC draft is not an approval gate',
    ]);
  });

  it('refuses a workbook without the sheets or headers of the layout, and more than one programme', () => {
    const missing = parseTracker(new Map([['Sheet1', [['Gate', 'Date']]]]), ctx);
    expect('errors' in missing && missing.errors.map((e) => e.field)).toEqual(['Programmes!A1', 'Gates!A1']);
    const two = parseTracker(grid({ programmes: [PROGRAMME, PROGRAMME], gates: [] }), ctx);
    expect('errors' in two && two.errors[0].message).toMatch(/one programme: .* has 2 rows/);
  });
});
