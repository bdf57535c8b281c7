import { toCsv } from './csv';
import { SHEETS } from './workbook-layout';

describe('toCsv', () => {
  const layout = { ...SHEETS.parties };

  it('writes a header row and one line a row, CRLF, with a byte order mark', () => {
    const csv = toCsv(layout, [
      { programme: 'BCT', gateId: 'partner-approvals', partyId: 'lc', partyName: 'Leicester' },
    ]);
    expect(csv).toBe('\uFEFFProgramme,Gate id,Party id,Party\r\nBCT,partner-approvals,lc,Leicester\r\n');
  });

  it('quotes commas, quotes and line breaks, and leaves empty cells empty', () => {
    const csv = toCsv(layout, [{ programme: 'A, "B"', gateId: 'g', partyId: null, partyName: 'line\nbreak' }]);
    expect(csv.split('\r\n')[1]).toBe('"A, ""B""",g,,"line\nbreak"');
  });

  it('defuses text that Excel would run as a formula', () => {
    const csv = toCsv(layout, [{ programme: '=HYPERLINK("x")', gateId: '+1', partyId: '-2', partyName: '@SUM(A1)' }]);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1)`);
  });
});
