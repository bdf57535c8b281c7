import fc from 'fast-check';
import { WorkingCalendar } from '../../calendar/working-days';
import { criticalPath, latestDates } from './critical-path';
import { PlannedGate, applyMoves, projectSchedule, reforecastPlan } from './schedule';

const cal = new WorkingCalendar();

/** Better Care Together on 27 October 2015: PCBC and senate done, partners open. */
function bct(): PlannedGate[] {
  const g = (
    id: string,
    kind: PlannedGate['kind'],
    dependsOn: string[],
    status: PlannedGate['status'],
    baselineDate: string,
    forecastDate: string,
    actualDate: string | null = null,
  ): PlannedGate => ({ id, kind, dependsOn, status, baselineDate, forecastDate, actualDate });
  return [
    g('pcbc', 'task', [], 'complete', '2015-09-04', '2015-09-07', '2015-09-07'),
    g('senate', 'task', ['pcbc'], 'complete', '2015-10-05', '2015-10-06', '2015-10-05'),
    g('partners', 'approval', ['senate'], 'open', '2015-10-26', '2015-10-26'),
    g('nhse', 'approval', ['partners'], 'not-started', '2015-11-09', '2015-11-09'),
    g('consult', 'consultation', ['nhse'], 'not-started', '2015-11-30', '2015-11-30'),
    g('dmbc', 'task', ['consult'], 'not-started', '2016-03-07', '2016-03-07'),
    g('decision', 'task', ['dmbc'], 'not-started', '2016-03-31', '2016-03-31'),
  ];
}

describe('criticalPath', () => {
  it('puts every gate of a late programme on the critical path, with no slack', () => {
    const result = criticalPath(bct(), cal, '2015-10-27', []);
    expect(result.targetGateId).toBe('consult');
    expect(result.criticalPath).toEqual(['partners', 'nhse', 'consult']);
    expect(result.slack.find((s) => s.gateId === 'partners')).toMatchObject({
      forecastDate: '2015-10-27',
      slackWorkingDays: 0,
      latestDate: '2015-10-27',
    });
    // DMBC and decision do not move the consultation; they have no slack to measure against it.
    expect(result.slack.find((s) => s.gateId === 'dmbc')).toMatchObject({ slackWorkingDays: null, critical: false });
  });

  it('gives a gate ahead of its chain the slack between its forecast and its latest date', () => {
    const gates = bct().map((g) => (g.id === 'consult' ? { ...g, forecastDate: '2015-12-14' } : g));
    const result = criticalPath(gates, cal, '2015-10-27', []);
    // The consultation is held at 14 December by its own forecast: 9 working days of room upstream.
    expect(result.criticalPath).toEqual(['consult']);
    expect(result.slack.find((s) => s.gateId === 'nhse')).toMatchObject({
      forecastDate: '2015-11-10',
      latestDate: '2015-11-23',
      slackWorkingDays: 9,
    });
  });

  it('names the latest safe date before the next pre-election period', () => {
    const result = criticalPath(bct(), cal, '2015-10-27', [
      { name: 'Imagined by-election', periodStart: '2015-12-14', pollDate: '2016-01-14', periodEnd: '2016-01-14' },
    ]);
    const nhse = result.slack.find((s) => s.gateId === 'nhse')!;
    // The launch must come by 11 December: 15 working days after NHS England, so NHS England by 20 November.
    expect(nhse.latestSafeDate).toBe('2015-11-20');
    expect(nhse.safeBefore).toMatchObject({ name: 'Imagined by-election' });
    expect(result.slack.find((s) => s.gateId === 'consult')!.latestSafeDate).toBe('2015-12-13');
  });

  it('has no safe date to offer when the launch already falls inside a period', () => {
    const result = criticalPath(bct(), cal, '2015-10-27', [
      { name: 'Already', periodStart: '2015-11-25', pollDate: '2015-12-10', periodEnd: '2015-12-10' },
    ]);
    expect(result.slack.every((s) => s.latestSafeDate === null)).toBe(true);
  });

  it('agrees with the forward rule: slipping to the latest date moves nothing, one working day more moves the target', () => {
    const gateArb = fc.record({
      gaps: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 6, maxLength: 6 }),
      ahead: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 6, maxLength: 6 }),
      diamond: fc.boolean(),
      todayOffset: fc.integer({ min: 0, max: 40 }),
    });
    fc.assert(
      fc.property(gateArb, ({ gaps, ahead, diamond, todayOffset }) => {
        let baseline = '2016-01-04';
        const gates: PlannedGate[] = gaps.map((gap, i) => {
          baseline = cal.addWorkingDays(baseline, gap);
          const deps = i === 0 ? [] : diamond && i >= 2 ? [`g${i - 1}`, `g${i - 2}`] : [`g${i - 1}`];
          return {
            id: `g${i}`,
            kind: i === 3 ? 'consultation' : 'task',
            dependsOn: deps,
            status: i === 0 ? 'open' : 'not-started',
            baselineDate: baseline,
            forecastDate: cal.addWorkingDays(baseline, ahead[i]),
            actualDate: null,
          };
        });
        const today = cal.addWorkingDays('2016-01-04', todayOffset);
        const before = projectSchedule(gates, cal, today);
        const latest = latestDates(gates, 'g3', before.get('g3')!, cal);
        for (const [gateId, date] of latest) {
          if (gateId === 'g3') continue;
          const at = (d: string) => {
            const plan = reforecastPlan(gates, gateId, d, cal);
            return projectSchedule(applyMoves(gates, plan.moves), cal, today).get('g3');
          };
          expect(at(date)).toBe(before.get('g3'));
          expect(at(cal.addWorkingDays(date, 1))! > before.get('g3')!).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
