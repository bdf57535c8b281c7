import { CalendarGate, CalendarProgramme, gateEvents, gateUid } from './gate-events';

const at = (iso: string) => new Date(iso);

function gate(overrides: Partial<CalendarGate> & { id: string }): CalendarGate {
  return {
    title: overrides.id,
    kind: 'task',
    status: 'open',
    forecastDate: null,
    baselineDate: null,
    actualDate: null,
    owner: null,
    ...overrides,
  };
}

function programme(
  gates: CalendarGate[],
  history: CalendarProgramme['history'],
  doneAt = new Map(),
): CalendarProgramme {
  return {
    id: 'p1',
    name: 'Better Care Together',
    gates,
    history,
    doneAt,
    consultationLengthDays: 84,
    createdAt: at('2015-06-01T09:00:00Z'),
  };
}

describe('gateEvents', () => {
  it('puts an open gate on its stored forecast, one day long, with a UID naming the gate', () => {
    const [event] = gateEvents(
      programme(
        [gate({ id: 'pcbc-draft', baselineDate: '2015-09-04', forecastDate: '2015-09-04' })],
        [{ gateId: 'pcbc-draft', toDate: '2015-09-04', at: at('2015-06-01T09:00:00Z') }],
      ),
    );
    expect(event).toMatchObject({
      start: '2015-09-04',
      end: '2015-09-05',
      sequence: 0,
      uid: gateUid('p1', 'pcbc-draft'),
    });
    expect(event.uid).toContain('pcbc-draft');
    expect(event.lastModified).toEqual(at('2015-06-01T09:00:00Z'));
  });

  it('raises SEQUENCE once for each re-forecast that moved the day, and LAST-MODIFIED with it', () => {
    const history = [
      { gateId: 'g', toDate: '2015-10-26', at: at('2015-06-01T09:00:00Z') },
      { gateId: 'g', toDate: '2015-11-02', at: at('2015-10-20T10:00:00Z') },
      { gateId: 'other', toDate: '2016-01-01', at: at('2015-10-21T10:00:00Z') },
      { gateId: 'g', toDate: '2015-11-02', at: at('2015-10-22T10:00:00Z') },
      { gateId: 'g', toDate: '2015-11-09', at: at('2015-10-23T10:00:00Z') },
    ];
    const [event] = gateEvents(
      programme([gate({ id: 'g', baselineDate: '2015-10-26', forecastDate: '2015-11-09' })], history),
    );
    expect(event.start).toBe('2015-11-09');
    expect(event.sequence).toBe(2);
    expect(event.lastModified).toEqual(at('2015-10-23T10:00:00Z'));
  });

  it('moves a complete gate to its actual day, one more revision, dated when it was completed', () => {
    const [event] = gateEvents(
      programme(
        [
          gate({
            id: 'g',
            status: 'complete',
            baselineDate: '2015-09-04',
            forecastDate: '2015-09-04',
            actualDate: '2015-09-07',
          }),
        ],
        [{ gateId: 'g', toDate: '2015-09-04', at: at('2015-06-01T09:00:00Z') }],
        new Map([['g', at('2015-09-07T16:00:00Z')]]),
      ),
    );
    expect(event).toMatchObject({ start: '2015-09-07', end: '2015-09-08', sequence: 1 });
    expect(event.lastModified).toEqual(at('2015-09-07T16:00:00Z'));
  });

  it('keeps SEQUENCE when a gate completes on its forecast day', () => {
    const [event] = gateEvents(
      programme(
        [
          gate({
            id: 'g',
            status: 'complete',
            baselineDate: '2015-10-05',
            forecastDate: '2015-10-05',
            actualDate: '2015-10-05',
          }),
        ],
        [{ gateId: 'g', toDate: '2015-10-05', at: at('2015-06-01T09:00:00Z') }],
        new Map([['g', at('2015-10-05T16:00:00Z')]]),
      ),
    );
    expect(event.sequence).toBe(0);
  });

  it('shows a consultation as one event over its window: planned length before it starts, its own dates after', () => {
    const consultation = gate({
      id: 'public-consultation',
      kind: 'consultation',
      baselineDate: '2015-11-30',
      forecastDate: '2015-11-30',
    });
    const history = [{ gateId: 'public-consultation', toDate: '2015-11-30', at: at('2015-06-01T09:00:00Z') }];
    const [planned] = gateEvents(programme([consultation], history));
    expect(planned).toMatchObject({ start: '2015-11-30', end: '2016-02-23', sequence: 0 });

    const [running] = gateEvents(
      programme(
        [
          {
            ...consultation,
            status: 'running',
            actualDate: '2015-11-30',
            consultation: { startsOn: '2015-11-30', closesOn: '2016-02-19' },
          },
        ],
        history,
        new Map([['public-consultation', at('2015-11-30T09:00:00Z')]]),
      ),
    );
    expect(running).toMatchObject({ start: '2015-11-30', end: '2016-02-20', sequence: 1 });
  });

  it('leaves out a gate with no date at all', () => {
    expect(gateEvents(programme([gate({ id: 'decision' })], []))).toEqual([]);
  });
});
