import { TIMELINE, TimelineGate, buildTimeline, consultationWindow, monthTicks } from './timeline';

const gate = (g: Partial<TimelineGate> & { id: string }): TimelineGate => ({
  title: g.id,
  kind: 'task',
  status: 'not-started',
  rag: 'green',
  baselineDate: null,
  forecastDate: null,
  actualDate: null,
  ...g,
});

const BCT: TimelineGate[] = [
  gate({
    id: 'pcbc',
    status: 'complete',
    rag: 'blue',
    baselineDate: '2015-09-04',
    forecastDate: '2015-09-04',
    actualDate: '2015-09-07',
  }),
  gate({
    id: 'approvals',
    kind: 'approval',
    status: 'open',
    rag: 'red',
    baselineDate: '2015-10-26',
    forecastDate: '2015-10-27',
  }),
  gate({
    id: 'consultation',
    kind: 'consultation',
    rag: 'amber',
    baselineDate: '2015-11-30',
    forecastDate: '2015-12-01',
  }),
  gate({ id: 'dmbc' }),
];

describe('buildTimeline', () => {
  const tl = buildTimeline({ gates: BCT, today: '2015-10-27', consultationDays: 84 })!;

  it('runs from the month before the first date to the month after the last, consultation window included', () => {
    expect(tl.from).toBe('2015-08-01');
    // 1 Dec + 84 days = 23 Feb 2016, padded a week, to the next month's start.
    expect(tl.to).toBe('2016-04-01');
    expect(tl.ticks[0]).toEqual({ x: TIMELINE.x0, label: 'Aug 2015' });
    expect(tl.ticks[tl.ticks.length - 1]).toEqual({ x: TIMELINE.x1, label: 'Apr 2016' });
  });

  it('places dates in proportion and keeps a row per gate, in order', () => {
    expect(tl.rows.map((r) => r.id)).toEqual(['pcbc', 'approvals', 'consultation', 'dmbc']);
    expect(tl.rows[1].y - tl.rows[0].y).toBe(TIMELINE.rowHeight);
    const [a, b] = [tl.rows[1].baseline!.x, tl.rows[1].forecast!.x];
    expect(b).toBeGreaterThan(a);
    // One day of 244 across the chart's width.
    expect(b - a).toBeCloseTo((TIMELINE.x1 - TIMELINE.x0) / 244, 0);
  });

  it('draws the baseline and the actual of a complete gate, and no forecast', () => {
    const row = tl.rows[0];
    expect(row.baseline?.label).toBe('Target 4 Sept 2015');
    expect(row.actual?.label).toBe('Actual 7 Sept 2015');
    expect(row.forecast).toBeUndefined();
    expect(row.slip).toEqual({ x1: row.baseline!.x, x2: row.actual!.x, late: true });
  });

  it('says a gate without dates has none', () => {
    expect(tl.rows[3]).toMatchObject({ baseline: undefined, forecast: undefined, note: { text: 'No date yet' } });
  });

  it('draws today and the forecast consultation window', () => {
    expect(tl.today).toMatchObject({ label: 'Today, 27 Oct 2015', offscale: null });
    expect(tl.today.x).toBe(tl.rows[1].forecast!.x);
    expect(tl.consultation?.label).toBe('Consultation 1 Dec 2015 to 23 Feb 2016 (forecast)');
    expect(tl.consultation!.x2).toBeGreaterThan(tl.consultation!.x1);
  });

  it('shows today as an arrow at the edge when it is far from the programme', () => {
    const later = buildTimeline({ gates: BCT, today: '2026-03-12', consultationDays: 84 })!;
    expect(later.to).toBe('2016-04-01');
    expect(later.today).toMatchObject({
      x: TIMELINE.x1,
      offscale: 'after',
      anchor: 'end',
      label: 'Today, 12 Mar 2026 →',
    });
    const earlier = buildTimeline({ gates: BCT, today: '2010-01-04', consultationDays: 84 })!;
    expect(earlier.today).toMatchObject({ x: TIMELINE.x0, offscale: 'before', label: '← Today, 4 Jan 2010' });
  });

  it('takes in today when it is near, and has nothing to draw without dates', () => {
    const soon = buildTimeline({ gates: BCT, today: '2016-05-20', consultationDays: 84 })!;
    expect(soon.to).toBe('2016-06-01');
    expect(soon.today.offscale).toBeNull();
    expect(buildTimeline({ gates: [gate({ id: 'a' })], today: '2015-10-27', consultationDays: 84 })).toBeNull();
  });
});

describe('consultationWindow', () => {
  it('is the launched consultation when there is one, closing on its actual date once closed', () => {
    const running = gate({
      id: 'c',
      kind: 'consultation',
      status: 'running',
      consultation: { startsOn: '2015-12-01', closesOn: '2016-02-23' },
    });
    expect(consultationWindow([running], 84)).toEqual({ from: '2015-12-01', to: '2016-02-23', planned: false });
    const closed = { ...running, status: 'complete' as const, actualDate: '2016-03-01' };
    expect(consultationWindow([closed], 84)).toEqual({ from: '2015-12-01', to: '2016-03-01', planned: false });
  });

  it('is planned from the forecast, else the baseline, and absent without a consultation gate', () => {
    expect(consultationWindow([gate({ id: 'c', kind: 'consultation', baselineDate: '2015-11-30' })], 84)).toEqual({
      from: '2015-11-30',
      to: '2016-02-22',
      planned: true,
    });
    expect(consultationWindow([gate({ id: 'c', kind: 'consultation' })], 84)).toBeNull();
    expect(consultationWindow([gate({ id: 't', baselineDate: '2015-11-30' })], 84)).toBeNull();
  });
});

describe('monthTicks', () => {
  it('is every month for a short programme, thinned for a long one, yearly for a very long one', () => {
    expect(monthTicks('2015-08-01', '2015-11-01').map((t) => t.label)).toEqual([
      'Aug 2015',
      'Sept 2015',
      'Oct 2015',
      'Nov 2015',
    ]);
    const two = monthTicks('2014-01-01', '2016-01-01');
    expect(two.length).toBeLessThanOrEqual(13);
    expect(two[0].label).toBe('Jan 2014');
    expect(
      monthTicks('2000-01-01', '2020-01-01')
        .map((t) => t.label)
        .slice(0, 2),
    ).toEqual(['2000', '2001']);
  });
});

describe('date notes', () => {
  it('sit after the last marker, or before the date when that is too near the edge, with the year on a long timeline', () => {
    const tl = buildTimeline({ gates: BCT, today: '2015-10-27', consultationDays: 84 })!;
    expect(tl.rows[1].note).toEqual({
      x: tl.rows[1].forecast!.x + 12,
      y: tl.rows[1].y + 5,
      text: '27 Oct',
      anchor: 'start',
    });
    const late = buildTimeline({
      gates: [gate({ id: 'a', status: 'open', baselineDate: '2015-10-26', forecastDate: '2026-11-25' })],
      today: '2026-11-25',
      consultationDays: 84,
    })!;
    expect(late.rows[0].note).toEqual({
      x: late.rows[0].forecast!.x - 10,
      y: late.rows[0].y - 7,
      text: '25 Nov 2026',
      anchor: 'end',
    });
  });
});
