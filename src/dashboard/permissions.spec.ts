import { Role } from '../auth/roles';
import { ActionGate, gateActions } from './permissions';

const helen = { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' };
const as = (role: Role, email = 'someone@example.nhs.uk') => ({ role, email });
const gate = (g: Partial<ActionGate>): ActionGate => ({ kind: 'task', status: 'open', owner: helen, ...g });

describe('gateActions', () => {
  it('offers the partnerships lead and admin everything the gate allows now', () => {
    for (const role of ['partnerships', 'admin'] as Role[]) {
      expect(gateActions(as(role), gate({ kind: 'approval' }))).toEqual({
        decide: true,
        complete: false,
        reforecast: true,
      });
      expect(gateActions(as(role), gate({}))).toEqual({ decide: false, complete: true, reforecast: true });
    }
  });

  it('offers an owner only their own gates, matching the email in any case', () => {
    expect(gateActions(as('owner', 'Helen.Seth@example.nhs.uk'), gate({}))).toEqual({
      decide: false,
      complete: true,
      reforecast: true,
    });
    expect(gateActions(as('owner'), gate({}))).toEqual({ decide: false, complete: false, reforecast: false });
    expect(gateActions(as('owner', helen.email), gate({ owner: null }))).toEqual({
      decide: false,
      complete: false,
      reforecast: false,
    });
    // Decisions are the partnerships lead's, even on the owner's own approval gate.
    expect(gateActions(as('owner', helen.email), gate({ kind: 'approval' })).decide).toBe(false);
  });

  it('lets the SRO re-forecast and nothing else, and a viewer nothing', () => {
    expect(gateActions(as('sro'), gate({ kind: 'approval' }))).toEqual({
      decide: false,
      complete: false,
      reforecast: true,
    });
    expect(gateActions(as('viewer'), gate({ kind: 'approval' }))).toEqual({
      decide: false,
      complete: false,
      reforecast: false,
    });
  });

  it('follows the gate: decisions while open, closing a running consultation, no forecasts for actuals', () => {
    const lead = as('partnerships');
    expect(gateActions(lead, gate({ kind: 'approval', status: 'not-started' })).decide).toBe(false);
    expect(gateActions(lead, gate({ kind: 'approval', status: 'complete' })).decide).toBe(false);
    expect(gateActions(lead, gate({ kind: 'consultation', status: 'open' })).complete).toBe(false);
    expect(gateActions(lead, gate({ kind: 'consultation', status: 'running' }))).toEqual({
      decide: false,
      complete: true,
      reforecast: false,
    });
    expect(gateActions(lead, gate({ status: 'not-started' }))).toEqual({
      decide: false,
      complete: false,
      reforecast: true,
    });
    expect(gateActions(lead, gate({ status: 'complete' }))).toEqual({
      decide: false,
      complete: false,
      reforecast: false,
    });
  });
});
