import fc from 'fast-check';
import { WorkingCalendar } from '../calendar/working-days';
import { addDays, weekday } from '../calendar/iso-date';
import { Election, ElectionRules, appliesTo, electionRulesConfig, periodContaining } from './election-rules';

describe('ElectionRules', () => {
  const calendar = new WorkingCalendar();
  const rules = new ElectionRules(calendar);

  it('puts the May poll on the first Thursday in May', () => {
    expect(rules.localPollDate(2027)).toBe('2027-05-06');
    expect(rules.localPollDate(2024)).toBe('2024-05-02');
    expect(rules.localPollDate(2023)).toBe('2023-05-04');
    expect(rules.localPollDate(2025)).toBe('2025-05-01'); // 1 May is itself a Thursday
  });

  it('starts the period on the 25th working day before polling day (the published notice deadlines)', () => {
    expect(rules.scheduledLocal(2027)).toEqual({
      id: 'local-2027',
      name: 'Local elections 2027',
      pollDate: '2027-05-06',
      periodStart: '2027-03-31', // Good Friday, Easter Monday and the May bank holiday not counted
      periodEnd: '2027-05-06',
      scope: 'local',
      source: 'rule',
    });
    expect(rules.scheduledLocal(2024)?.periodStart).toBe('2024-03-26');
    expect(rules.scheduledLocal(2023)?.periodStart).toBe('2023-03-27');
  });

  it('does not count Christmas Eve in an election timetable, though it is a working day', () => {
    expect(calendar.isWorkingDay('2026-12-24')).toBe(true);
    expect(rules.isTimetableDay('2026-12-24')).toBe(false);
    // 28 December 2026 is the substitute Boxing Day, 25th Christmas Day, 24th Christmas Eve.
    expect(rules.timetableDaysBefore('2026-12-29', 1)).toBe('2026-12-23');
  });

  it('takes a moved poll, or no poll, from configuration', () => {
    const moved = new ElectionRules(calendar, { movedLocalPolls: { '2001': '2001-06-07', '2020': null } });
    expect(moved.localPollDate(2001)).toBe('2001-06-07');
    expect(moved.scheduledLocal(2020)).toBeNull();
    expect(moved.preElectionPeriods('2020-01-01', '2020-12-31')).toEqual([]);
    expect(moved.localPollDate(2027)).toBe('2027-05-06');
  });

  it('lists the periods overlapping a range, with entered and configured ones, earliest first', () => {
    const general: Election = {
      id: 'e1',
      name: 'General election 2024',
      pollDate: '2024-07-04',
      periodStart: '2024-05-25',
      periodEnd: '2024-07-05',
      scope: 'national',
      source: 'entered',
    };
    const found = rules.preElectionPeriods('2024-01-01', '2024-12-31', undefined, [], [general]);
    expect(found.map((e) => e.name)).toEqual(['Local elections 2024', 'General election 2024']);
    expect(rules.preElectionPeriods('2024-05-03', '2024-05-24', undefined, [], [general])).toEqual([]);
    // A period that straddles the start of the range is included.
    expect(rules.preElectionPeriods('2027-05-06', '2027-06-01').map((e) => e.id)).toEqual(['local-2027']);
  });

  it('lets a configured period replace the scheduled one of the same polling day, and adds the others', () => {
    const configured = new ElectionRules(calendar, {
      overrides: [
        {
          name: 'Local elections 2027 (notice published early)',
          pollDate: '2027-05-06',
          periodStart: '2027-03-22',
          scope: 'local',
        },
        {
          name: 'General election 2015',
          pollDate: '2015-05-07',
          periodStart: '2015-03-30',
          periodEnd: '2015-05-07',
          scope: 'national',
        },
      ],
    });
    const in2027 = configured.preElectionPeriods('2027-01-01', '2027-12-31');
    expect(in2027).toHaveLength(1);
    expect(in2027[0]).toMatchObject({ periodStart: '2027-03-22', periodEnd: '2027-05-06', source: 'configured' });
    // 2015's local polls were held with the general election: both periods are listed.
    expect(configured.preElectionPeriods('2015-04-01', '2015-04-01').map((e) => e.name)).toEqual([
      'General election 2015',
      'Local elections 2015',
    ]);
  });

  it('applies a May poll unless every council of the programme is recorded as having no polls that year', () => {
    const may = rules.scheduledLocal(2027)!;
    expect(appliesTo(may, ['leicester-city-council'], [])).toBe(true);
    expect(appliesTo(may, [], [{ councilId: 'leicester-city-council', year: 2027 }])).toBe(true);
    expect(appliesTo(may, ['leicester-city-council'], [{ councilId: 'leicester-city-council', year: 2027 }])).toBe(
      false,
    );
    expect(appliesTo(may, ['leicester-city-council'], [{ councilId: 'leicester-city-council', year: 2026 }])).toBe(
      true,
    );
    expect(
      appliesTo(
        may,
        ['leicester-city-council', 'rutland-county-council'],
        [{ councilId: 'leicester-city-council', year: 2027 }],
      ),
    ).toBe(true);
    const byElection: Election = { ...may, id: 'b', areas: ['rutland-county-council'], source: 'entered' };
    expect(appliesTo(byElection, ['leicester-city-council'], [])).toBe(false);
    expect(appliesTo(byElection, ['rutland-county-council'], [])).toBe(true);
    const general: Election = { ...may, scope: 'national' };
    expect(appliesTo(general, ['leicester-city-council'], [{ councilId: 'leicester-city-council', year: 2027 }])).toBe(
      true,
    );
    expect(
      rules.preElectionPeriods(
        '2027-04-12',
        '2027-04-12',
        ['leicester-city-council'],
        [{ councilId: 'leicester-city-council', year: 2027 }],
      ),
    ).toEqual([]);
  });

  it('suggests the first working day after a period and finds the period containing a day', () => {
    const may = rules.scheduledLocal(2027)!;
    expect(rules.firstWorkingDayAfter(may)).toBe('2027-05-07');
    expect(rules.firstWorkingDayAfter({ periodEnd: '2026-12-24' })).toBe('2026-12-29');
    expect(periodContaining([may], '2027-04-12')).toBe(may);
    expect(periodContaining([may], '2027-03-30')).toBeUndefined();
    expect(periodContaining([may], '2027-05-06')).toBe(may);
  });

  it('counts the working days a consultation shares with a period', () => {
    const may = rules.scheduledLocal(2027)!; // 31 March to 6 May 2027
    expect(rules.overlapWorkingDays(may, '2027-01-04', '2027-03-30')).toBe(0);
    expect(rules.overlapWorkingDays(may, '2027-01-04', '2027-03-31')).toBe(1);
    // The whole period: the 25 working days before polling day, and polling day itself.
    expect(rules.overlapWorkingDays(may, '2027-02-01', '2027-06-30')).toBe(26);
    expect(rules.overlapWorkingDays(may, '2027-05-06', '2027-07-30')).toBe(1);
  });

  it('property: every scheduled poll is a Thursday in early May, its period 25 timetable days long', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2060 }), (year) => {
        const e = rules.scheduledLocal(year)!;
        expect(weekday(e.pollDate)).toBe(4);
        expect(e.pollDate >= `${year}-05-01` && e.pollDate <= `${year}-05-07`).toBe(true);
        let count = 0;
        for (let d = e.periodStart; d < e.pollDate; d = addDays(d, 1)) if (rules.isTimetableDay(d)) count++;
        expect(count).toBe(25);
        expect(rules.isTimetableDay(e.periodStart)).toBe(true);
      }),
    );
  });
});

describe('electionRulesConfig', () => {
  it("reads the first release's pre-election list as national periods that still refuse launches", () => {
    const rules = new ElectionRules(
      new WorkingCalendar(),
      electionRulesConfig({
        calendar: { preElectionPeriods: [{ name: 'Local elections 2016', from: '2016-03-24', to: '2016-05-05' }] },
        elections: { movedLocalPolls: {}, periods: [] },
      }),
    );
    const found = rules.preElectionPeriods(
      '2016-03-24',
      '2016-03-24',
      ['rutland-county-council'],
      [{ councilId: 'rutland-county-council', year: 2016 }],
    );
    expect(found).toEqual([
      expect.objectContaining({
        name: 'Local elections 2016',
        periodStart: '2016-03-24',
        periodEnd: '2016-05-05',
        scope: 'national',
      }),
    ]);
  });
});
