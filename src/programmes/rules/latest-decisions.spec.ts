import { isApproving } from '../../../workflows/types';
import { latestDecisionByParty } from './latest-decisions';

describe('latestDecisionByParty', () => {
  const d = (gateId: string, partyId: string, decision: string) => ({ gateId, partyId, decision });

  it('keeps the last recorded decision of each party on the gate, and ignores other gates', () => {
    const latest = latestDecisionByParty(
      [
        d('partner-approvals', 'tda', 'deferred'),
        d('nhse-assurance', 'tda', 'not-approved'),
        d('partner-approvals', 'nhse', 'approved'),
        d('partner-approvals', 'tda', 'approved-with-conditions'),
      ],
      'partner-approvals',
    );
    expect(Object.fromEntries([...latest].map(([id, x]) => [id, x.decision]))).toEqual({
      tda: 'approved-with-conditions',
      nhse: 'approved',
    });
  });

  it('finds nothing for a party that has not decided, whatever its name', () => {
    const latest = latestDecisionByParty([d('g', 'tda', 'approved')], 'g');
    expect(latest.get('constructor')).toBeUndefined();
    expect(latest.get('__proto__')).toBeUndefined();
  });
});

describe('isApproving', () => {
  it('approved and approved with conditions approve; nothing else does', () => {
    expect(['approved', 'approved-with-conditions'].every(isApproving)).toBe(true);
    expect(['not-approved', 'deferred', '', undefined, null, 'constructor'].some(isApproving)).toBe(false);
  });
});
