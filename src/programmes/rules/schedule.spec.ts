import { WorkingCalendar } from '../../calendar/working-days';
import { PlannedGate, dependentsOf, pathTo, projectSchedule } from './schedule';

const cal = new WorkingCalendar();

function chain(overrides: Partial<Record<string, Partial<PlannedGate>>> = {}): PlannedGate[] {
  const base: PlannedGate[] = [
    {
      id: 'pcbc',
      kind: 'task',
      dependsOn: [],
      status: 'open',
      baselineDate: '2015-09-04',
      forecastDate: '2015-09-04',
      actualDate: null,
    },
    {
      id: 'senate',
      kind: 'task',
      dependsOn: ['pcbc'],
      status: 'not-started',
      baselineDate: '2015-10-05',
      forecastDate: '2015-10-05',
      actualDate: null,
    },
    {
      id: 'partners',
      kind: 'approval',
      dependsOn: ['senate'],
      status: 'not-started',
      baselineDate: '2015-10-26',
      forecastDate: '2015-10-26',
      actualDate: null,
    },
    {
      id: 'consult',
      kind: 'consultation',
      dependsOn: ['partners'],
      status: 'not-started',
      baselineDate: '2015-11-30',
      forecastDate: '2015-11-30',
      actualDate: null,
    },
  ];
  return base.map((g) => ({ ...g, ...(overrides[g.id] ?? {}) }));
}

describe('projectSchedule', () => {
  it('leaves an on-plan programme as it is', () => {
    const p = projectSchedule(chain(), cal);
    expect([...p.values()]).toEqual(['2015-09-04', '2015-10-05', '2015-10-26', '2015-11-30']);
  });

  it('carries a slip down the chain keeping the planned gaps in working days', () => {
    // Senate slips 5 working days (Mon 5 Oct -> Mon 12 Oct). Partners was 15 working days
    // after senate, consultation 25 after partners.
    const p = projectSchedule(chain({ senate: { forecastDate: '2015-10-12' } }), cal);
    expect(p.get('partners')).toBe('2015-11-02');
    expect(p.get('consult')).toBe('2015-12-07');
  });

  it('keeps working-day gaps across Christmas bank holidays', () => {
    const gates = chain({ partners: { forecastDate: '2015-11-23' } });
    // 25 working days after 23 Nov 2015 skips 25, 26 (Sat), 28 Dec: lands 30 Dec.
    expect(projectSchedule(gates, cal).get('consult')).toBe('2015-12-30');
  });

  it('does not pull later gates forward when an earlier one finishes early', () => {
    const p = projectSchedule(chain({ pcbc: { status: 'complete', actualDate: '2015-08-28' } }), cal);
    expect(p.get('senate')).toBe('2015-10-05');
  });

  it('with today, never forecasts an unfinished gate in the past and carries that on', () => {
    const p = projectSchedule(chain(), cal, '2015-10-27');
    expect(p.get('pcbc')).toBe('2015-10-27');
    expect(p.get('senate')! > '2015-10-27').toBe(true);
    expect(p.get('consult')! > '2015-11-30').toBe(true);
  });

  it('uses the actual date of a completed gate', () => {
    const p = projectSchedule(chain({ pcbc: { status: 'complete', actualDate: '2015-09-11' } }), cal);
    expect(p.get('pcbc')).toBe('2015-09-11');
    expect(p.get('senate')).toBe('2015-10-12');
  });

  it('gives the same projection whatever order the gates are listed in, and refuses a cycle', () => {
    const slipped = chain({
      senate: { forecastDate: '2015-10-12' },
      pcbc: { status: 'complete', actualDate: '2015-09-11' },
    });
    const inOrder = projectSchedule(slipped, cal, '2015-10-01');
    for (const order of [
      [3, 2, 1, 0],
      [2, 0, 3, 1],
      [1, 3, 0, 2],
    ]) {
      const shuffled = projectSchedule(
        order.map((i) => slipped[i]),
        cal,
        '2015-10-01',
      );
      expect(new Map([...shuffled].sort())).toEqual(new Map([...inOrder].sort()));
    }
    const cyclic = chain({ pcbc: { dependsOn: ['consult'] } });
    expect(() => projectSchedule(cyclic, cal)).toThrow(/dependency cycle/);
  });

  it('finds dependents and the path to a gate', () => {
    expect(dependentsOf(chain(), 'senate')).toEqual(['partners', 'consult']);
    expect([...pathTo(chain(), 'partners')].sort()).toEqual(['partners', 'pcbc', 'senate']);
  });
});
