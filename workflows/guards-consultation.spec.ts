// Consultation gates: length, pre-election periods, dates, and starting and closing in the right order.
import { nhsServiceChangeV1 } from './definitions/nhs-service-change.v1';
import { applyEvent, runEvents } from './engine';
import { refusal, start } from './spec-helpers';
import { BCT_CONSULTATION_RUNNING, BCT_INPUT } from './scenarios';
import type { WorkflowEvent } from './types';

const def = nhsServiceChangeV1;
const running = runEvents(def, BCT_INPUT, BCT_CONSULTATION_RUNNING);
const consultationOpen = runEvents(def, BCT_INPUT, BCT_CONSULTATION_RUNNING.slice(0, -1));

describe('consultation refusals', () => {
  it('CONSULTATION_TOO_SHORT without a justification, accepted with one', () => {
    expect(refusal(consultationOpen, start('2015-11-30', '2016-02-08'))).toEqual({
      code: 'CONSULTATION_TOO_SHORT',
      reason: 'A 10-week consultation needs a recorded justification (the norm is 12 weeks)',
    });
    expect(refusal(consultationOpen, start('2015-11-30', '2016-02-18')).reason).toMatch(/^An 80-day consultation/);
    const justified = start('2015-11-30', '2016-02-08', {
      justification: 'Urgent: maternity unit cannot staff safely',
    } as Partial<WorkflowEvent>);
    expect(applyEvent(def, consultationOpen, justified).ok).toBe(true);
  });

  it('PRE_ELECTION_PERIOD', () => {
    const periods = [{ name: 'Local elections 2016', from: '2016-03-24', to: '2016-05-05' }];
    const r = refusal(
      consultationOpen,
      start('2016-04-01', '2016-06-24', { preElectionPeriods: periods } as Partial<WorkflowEvent>),
    );
    expect(r).toEqual({
      code: 'PRE_ELECTION_PERIOD',
      reason:
        "The consultation cannot start on 2016-04-01: it falls inside the pre-election period 'Local elections 2016' (2016-03-24 to 2016-05-05)",
    });
  });

  it('INVALID_DATES: closing before starting; INVALID_EVENT: no pre-election list', () => {
    expect(refusal(consultationOpen, start('2015-11-30', '2015-11-01'))).toEqual({
      code: 'INVALID_DATES',
      reason: 'The consultation must close after it starts: 2015-11-01 is not after 2015-11-30',
    });
    const noPeriods = {
      ...start('2015-11-30', '2016-02-22'),
      preElectionPeriods: undefined,
    } as unknown as WorkflowEvent;
    expect(refusal(consultationOpen, noPeriods).code).toBe('INVALID_EVENT');
  });

  it('CONSULTATION_RUNNING, CONSULTATION_NOT_RUNNING and CONSULTATION_CLOSED_EARLY', () => {
    expect(refusal(running, start('2015-12-01', '2016-03-01'))).toEqual({
      code: 'CONSULTATION_RUNNING',
      reason: 'Public consultation is already running (2015-11-30 to 2016-02-22)',
    });
    expect(
      refusal(consultationOpen, { type: 'consultation.close', gateId: 'public-consultation', closedOn: '2016-02-22' }),
    ).toEqual({
      code: 'CONSULTATION_NOT_RUNNING',
      reason: 'Public consultation has not started, so it cannot close: record its start first',
    });
    expect(
      refusal(running, { type: 'consultation.close', gateId: 'public-consultation', closedOn: '2016-01-31' }),
    ).toEqual({
      code: 'CONSULTATION_CLOSED_EARLY',
      reason: 'The consultation cannot close on 2016-01-31: it was advertised to run from 2015-11-30 until 2016-02-22',
    });
  });
});
