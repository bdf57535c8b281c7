import { DomainError, ValidationFailed, WorkflowConflict } from '../core/errors/domain-error';
import {
  fieldMessages,
  parseCompleteForm,
  parseDateParts,
  parseDecisionForm,
  parseReforecastForm,
  serviceErrors,
} from './gate-forms';

const TODAY = '2015-10-27';
const date = (name: string, day: string, month: string, year: string) => ({
  [`${name}[day]`]: day,
  [`${name}[month]`]: month,
  [`${name}[year]`]: year,
});

describe('parseDateParts', () => {
  const parse = (day: string, month: string, year: string) =>
    parseDateParts({ day, month, year }, 'Date decided', 'the date of the decision');

  it('turns day, month and year into an ISO date', () => {
    expect(parse('26', '10', '2015')).toEqual({ date: '2015-10-26' });
    expect(parse('1', '2', '2016')).toEqual({ date: '2016-02-01' });
    expect(parse('29', '02', '2016')).toEqual({ date: '2016-02-29' });
  });

  it('says what is missing or wrong, as the NHS design system does', () => {
    expect(parse('', '', '')).toEqual({ error: 'Enter the date of the decision' });
    expect(parse('26', '', '2015')).toEqual({ error: 'Date decided must include a month' });
    expect(parse('', '', '2015')).toEqual({ error: 'Date decided must include a day and a month' });
    expect(parse('31', '2', '2015')).toEqual({ error: 'Date decided must be a real date' });
    expect(parse('29', '2', '2015')).toEqual({ error: 'Date decided must be a real date' });
    expect(parse('1st', '10', '2015')).toEqual({ error: 'Date decided must be a real date' });
    expect(parse('026', '10', '2015')).toEqual({ error: 'Date decided must be a real date' });
    expect(parse('26', '10', '15')).toEqual({ error: 'Year must include 4 numbers' });
  });
});

describe('parseDecisionForm', () => {
  const valid = {
    partyId: 'rutland-county-council',
    decision: 'approved',
    ...date('decidedOn', '26', '10', '2015'),
    reference: ' RCC 26/10/15 ',
  };

  it('builds the API body, trimmed, leaving out empty optional fields', () => {
    expect(parseDecisionForm(valid, TODAY)).toEqual({
      values: {
        partyId: 'rutland-county-council',
        decision: 'approved',
        reference: 'RCC 26/10/15',
        conditions: '',
        'decidedOn-day': '26',
        'decidedOn-month': '10',
        'decidedOn-year': '2015',
      },
      errors: [],
      body: {
        partyId: 'rutland-county-council',
        decision: 'approved',
        decidedOn: '2015-10-26',
        reference: 'RCC 26/10/15',
      },
    });
  });

  it('reports every problem at once, each linked to its field, and keeps what was typed', () => {
    const parsed = parseDecisionForm(
      { decision: 'approved-with-conditions', ...date('decidedOn', '28', '10', '2015') },
      TODAY,
    );
    expect(parsed.body).toBeUndefined();
    expect(parsed.errors).toEqual([
      { field: 'partyId', href: '#partyId', text: 'Select the board or organisation that decided' },
      { field: 'decidedOn', href: '#decidedOn-day', text: 'Date decided must be today or in the past' },
      { field: 'conditions', href: '#conditions', text: 'Enter the conditions of the approval' },
    ]);
    expect(parsed.values['decidedOn-day']).toBe('28');
    expect(fieldMessages(parsed.errors).conditions).toBe('Enter the conditions of the approval');
  });

  it('refuses a decision that is not one of the four, and over-long text', () => {
    const parsed = parseDecisionForm({ ...valid, decision: 'maybe', reference: 'x'.repeat(201) }, TODAY);
    expect(parsed.errors.map((e) => e.field)).toEqual(['decision', 'reference']);
  });

  it('passes what it accepts through the API schema too', () => {
    const parsed = parseDecisionForm({ ...valid, partyId: 'Not A Slug' }, TODAY);
    expect(parsed.body).toBeUndefined();
    expect(parsed.errors[0]).toMatchObject({ field: 'partyId', href: '#partyId' });
    expect(parsed.errors[0].text).toMatch(/^Board or organisation: /);
  });

  it('ignores fields that are not strings', () => {
    expect(parseDecisionForm({ ...valid, reference: ['a', 'b'] }, TODAY).body).not.toHaveProperty('reference');
  });
});

describe('parseCompleteForm', () => {
  it('takes a completion date up to today and an optional note', () => {
    expect(parseCompleteForm({ ...date('completedOn', '27', '10', '2015'), note: '' }, TODAY).body).toEqual({
      completedOn: '2015-10-27',
    });
    expect(parseCompleteForm({ ...date('completedOn', '12', '9', '2014'), note: 'Sent' }, TODAY).body).toEqual({
      completedOn: '2014-09-12',
      note: 'Sent',
    });
    expect(parseCompleteForm(date('completedOn', '28', '10', '2015'), TODAY).errors).toEqual([
      { field: 'completedOn', href: '#completedOn-day', text: 'Date completed must be today or in the past' },
    ]);
  });
});

describe('parseReforecastForm', () => {
  it('takes a date from today on and a reason', () => {
    expect(
      parseReforecastForm({ ...date('forecastDate', '16', '11', '2015'), reason: 'Panel moved' }, TODAY).body,
    ).toEqual({
      forecastDate: '2015-11-16',
      reason: 'Panel moved',
    });
  });

  it('refuses a past date, and a missing or too short reason', () => {
    expect(parseReforecastForm(date('forecastDate', '26', '10', '2015'), TODAY).errors.map((e) => e.text)).toEqual([
      'New forecast date must be today or in the future',
      'Enter the reason for the new forecast',
    ]);
    expect(parseReforecastForm({ ...date('forecastDate', '27', '10', '2015'), reason: 'no' }, TODAY).errors).toEqual([
      { field: 'reason', href: '#reason', text: 'Reason must be at least 3 characters' },
    ]);
  });
});

describe('serviceErrors', () => {
  it('puts a refusal that names a field on that field', () => {
    const error = new DomainError(422, 'DATE_IN_FUTURE', 'Invalid request', 'x', [
      { field: 'decidedOn', message: 'must not be after today (2015-10-27)' },
    ]);
    expect(serviceErrors('decision', error)).toEqual([
      { field: 'decidedOn', href: '#decidedOn-day', text: 'Date decided: must not be after today (2015-10-27)' },
    ]);
  });

  it('shows a refusal of the whole step in its own words, without a field', () => {
    const conflict = new WorkflowConflict('GATE_NOT_OPEN', 'Partner board approvals is not open yet');
    expect(serviceErrors('decision', conflict)).toEqual([{ text: 'Partner board approvals is not open yet' }]);
    const other = new ValidationFailed([{ field: '(body)', message: 'odd' }]);
    expect(serviceErrors('complete', other)).toEqual([{ text: '(body): odd' }]);
  });
});
