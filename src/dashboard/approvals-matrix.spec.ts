import { bctView } from '../../test/support/programme-view-factory';
import { approvalsMatrix } from './approvals-matrix';

describe('approvalsMatrix', () => {
  const view = bctView();
  const matrix = approvalsMatrix(view.id, view.gates, (gateId) => gateId === 'partner-approvals')!;

  it('has a column per approval gate with its count of approvals', () => {
    expect(matrix.columns.map((c) => [c.title, c.summary, c.canRecord])).toEqual([
      ['Partner board approvals', '2 of 4 approved', true],
      ['NHS England and TDA assurance', '0 of 2 approved', false],
      ['Decision in public', '0 of 1 approved', false],
    ]);
  });

  it('has a row per party, in order of first appearance, across the gates', () => {
    expect(matrix.rows.map((r) => r.name)).toEqual([
      'Leicester City CCG',
      'East Leicestershire and Rutland CCG',
      'University Hospitals of Leicester NHS Trust',
      'Rutland County Council',
      'NHS England',
      'NHS Trust Development Authority',
    ]);
  });

  it('shows each decision with its date, minute and conditions, and who was not asked', () => {
    const [lcccg, elr, uhl, rutland, nhse] = matrix.rows;
    expect(lcccg.cells[0]).toMatchObject({
      asked: true,
      tag: { text: 'Approved', colour: 'green' },
      decidedOn: '13 Oct 2015',
      reference: 'LC CCG Board 13/10/15 item 7',
    });
    expect(lcccg.cells[1]).toEqual({ gateId: 'nhse-assurance', asked: false });
    expect(lcccg.cells[2]).toMatchObject({ asked: true, tag: { text: 'Awaiting decision' } });
    expect(elr.cells[0]).toMatchObject({
      tag: { text: 'Approved with conditions' },
      conditions: 'Equality impact assessment first',
    });
    expect(uhl.cells[0].tag).toEqual({ text: 'Deferred', colour: 'orange' });
    expect(rutland.cells[0]).toMatchObject({ tag: { text: 'Awaiting decision', colour: 'grey' } });
    expect(nhse.cells[1]).toMatchObject({ asked: true, recordHref: undefined });
  });

  it('links each party of a gate the person may record on to the form, party chosen', () => {
    expect(matrix.rows[3].cells[0].recordHref).toBe(
      '/programmes/bct/gates/partner-approvals/decision?party=rutland-county-council',
    );
  });

  it('is absent when no gate has parties', () => {
    expect(
      approvalsMatrix(
        'x',
        view.gates.filter((g) => g.kind !== 'approval'),
        () => true,
      ),
    ).toBeNull();
  });
});
