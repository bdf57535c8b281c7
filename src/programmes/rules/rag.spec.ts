import { WorkingCalendar } from '../../calendar/working-days';
import { RagInput, gateRag, worstRag } from './rag';

const cal = new WorkingCalendar();
const t = { amberSlipWorkingDays: 1, redSlipWorkingDays: 10, dueSoonWorkingDays: 10 };
const gate = (g: Partial<RagInput>): RagInput => ({
  kind: 'task',
  status: 'open',
  baselineDate: '2015-10-26',
  forecastDate: '2015-10-26',
  actualDate: null,
  ...g,
});

describe('gateRag', () => {
  it('is blue when complete, and flags a late completion', () => {
    expect(gateRag(gate({ status: 'complete', actualDate: '2015-10-20' }), '2015-10-27', cal, t)).toEqual({
      rag: 'blue',
      reason: 'Complete on 20 Oct 2015',
    });
    const late = gateRag(gate({ status: 'complete', actualDate: '2015-10-28' }), '2015-10-29', cal, t);
    expect(late.rag).toBe('blue');
    expect(late.completeLate).toBe(true);
    expect(late.reason).toContain('2 working days after its target');
  });

  it('is red when an open gate is past its target', () => {
    const r = gateRag(gate({}), '2015-10-27', cal, t);
    expect(r.rag).toBe('red');
    expect(r.reason).toBe('Target 26 Oct 2015 has passed (1 working day overdue) and the gate is not complete');
  });

  it('is red when the forecast slipped past the red threshold, amber below it', () => {
    expect(gateRag(gate({ forecastDate: '2015-11-09' }), '2015-10-01', cal, t).rag).toBe('red');
    const amber = gateRag(gate({ forecastDate: '2015-10-28' }), '2015-10-01', cal, t);
    expect(amber.rag).toBe('amber');
    expect(amber.reason).toContain('slipped 2 working days');
  });

  it('is amber when an approval is due soon with decisions outstanding', () => {
    const r = gateRag(gate({ kind: 'approval', outstandingDecisions: 3, totalParties: 8 }), '2015-10-19', cal, t);
    expect(r).toEqual({
      rag: 'amber',
      reason: 'Due 26 Oct 2015 (in 5 working days) with 3 of 8 decisions outstanding',
    });
    expect(
      gateRag(gate({ kind: 'approval', outstandingDecisions: 3, totalParties: 8 }), '2015-09-01', cal, t).rag,
    ).toBe('green');
  });

  it('is green on track, and green with a reason when there is no target', () => {
    expect(gateRag(gate({}), '2015-10-01', cal, t).reason).toBe('On track for the target 26 Oct 2015');
    expect(gateRag(gate({ baselineDate: null, forecastDate: null }), '2015-10-01', cal, t)).toEqual({
      rag: 'green',
      reason: 'No target date set yet',
    });
  });

  it('rates a programme by its worst gate, blue only when all are complete', () => {
    expect(worstRag(['blue', 'green', 'amber'])).toBe('amber');
    expect(worstRag(['blue', 'red', 'amber'])).toBe('red');
    expect(worstRag(['blue', 'blue'])).toBe('blue');
  });
});
