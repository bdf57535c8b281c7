import { getDefinition } from '../../../workflows/registry';
import {
  addMonths,
  callInState,
  callInStatusFromRecords,
  openConditionsRefusal,
  secretaryOfStateNotification,
  type CallInRecord,
} from './regime';

describe('secretaryOfStateNotification', () => {
  it('is required for a substantial variation whose reg. 23 consultation began on or after 31 January 2024', () => {
    expect(secretaryOfStateNotification(true, '2024-01-31').required).toBe(true);
    expect(secretaryOfStateNotification(null, '2027-03-01').required).toBe(true);
  });
  it('is skipped, with the reason, for a minor change or a reg. 23 consultation begun earlier', () => {
    expect(secretaryOfStateNotification(false, null)).toEqual({
      required: false,
      reason: expect.stringContaining('Not a substantial variation'),
    });
    const before = secretaryOfStateNotification(true, '2024-01-30');
    expect(before.required).toBe(false);
    expect(before.reason).toContain('before 31 January 2024');
  });
  it('is not known before the reg. 23 consultation begins', () => {
    expect(secretaryOfStateNotification(true, null).required).toBe('not-yet-known');
  });
});

describe('call-in', () => {
  const request: CallInRecord = {
    id: 1,
    requestedBy: 'Leicester City Council',
    requestedOn: '2027-03-01',
    grounds: 'Local resolution failed',
    outcome: null,
    outcomeOn: null,
    decision: null,
    decidedOn: null,
  };
  it('reads the records of the first v3 release as a status, for the upgrade of their snapshots', () => {
    expect(callInStatusFromRecords([])).toEqual({ status: 'none' });
    expect(callInStatusFromRecords([request])).toEqual({ status: 'requested', since: '2027-03-01' });
    const notCalled = { ...request, outcome: 'not-called-in', outcomeOn: '2027-03-10' };
    expect(callInStatusFromRecords([notCalled])).toEqual({ status: 'not-called-in', since: '2027-03-10' });
    const called = { ...request, outcome: 'called-in', outcomeOn: '2027-03-10' };
    expect(callInStatusFromRecords([called])).toEqual({ status: 'called-in', since: '2027-03-10' });
    expect(callInStatusFromRecords([{ ...called, decision: 'Upheld', decidedOn: '2027-06-01' }])).toEqual({
      status: 'decided',
      since: '2027-06-01',
    });
  });
  it('says who asked while paused, and nothing is paused otherwise', () => {
    expect(callInState('none', [])).toEqual({ status: 'none', paused: false });
    expect(callInState('requested', [request])).toMatchObject({
      paused: true,
      reason: expect.stringContaining('requested by Leicester City Council'),
    });
    expect(callInState('called-in', [{ ...request, outcome: 'called-in', outcomeOn: '2027-03-10' }])).toMatchObject({
      paused: true,
      reason: expect.stringContaining('Called in by the Secretary of State on 10 Mar 2027'),
    });
    expect(callInState('decided', [request])).toMatchObject({ status: 'decided', paused: false });
  });
});

describe('openConditionsRefusal', () => {
  const v3 = getDefinition('nhs-service-change', 3)!;
  it('names the open conditions of the gates a gate requires discharged', () => {
    const refusal = openConditionsRefusal(v3, 'public-consultation', [
      { id: 4, gateId: 'nhse-assurance', text: 'Publish the travel-time analysis', dischargedOn: null },
      { id: 5, gateId: 'nhse-assurance', text: 'Done already', dischargedOn: '2027-01-20' },
      { id: 6, gateId: 'partner-approvals', text: 'Not required here', dischargedOn: null },
    ]);
    expect(refusal?.code).toBe('CONDITIONS_OPEN');
    expect(refusal?.reason).toContain('"Publish the travel-time analysis" (condition 4)');
    expect(refusal?.reason).not.toContain('Done already');
    expect(refusal?.reason).not.toContain('Not required here');
    expect(
      openConditionsRefusal(v3, 'decision', [{ id: 4, gateId: 'nhse-assurance', text: 'x', dischargedOn: null }]),
    ).toBeNull();
  });
});

describe('addMonths', () => {
  it('keeps the day, or takes the month end', () => {
    expect(addMonths('2027-06-15', 3)).toBe('2027-09-15');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2027-12-31', 1)).toBe('2028-01-31');
  });
});
