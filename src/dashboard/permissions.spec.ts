import { Role } from '../auth/roles';
import { ActionGate, gateActions } from './permissions';

const helen = { name: 'Helen Seth', email: 'helen.seth@example.nhs.uk' };
const as = (role: Role, email = 'someone@example.nhs.uk') => ({ role, email });
const gate = (g: Partial<ActionGate>): ActionGate => ({ kind: 'task', status: 'open', owner: helen, ...g });

describe('gateActions', () => {
  it('offers the partnerships lead and admin everything the gate allows now', () => {
    for (const role of ['partnerships', 'admin'] as Role[]) {
      expect(gateActions(as(role), gate({ kind: 'approval' }))).toMatchObject({
        decide: true,
        complete: false,
        reforecast: true,
      });
      expect(gateActions(as(role), gate({}))).toMatchObject({ decide: false, complete: true, reforecast: true });
    }
  });

  it('offers an owner only their own gates, matching the email in any case', () => {
    expect(gateActions(as('owner', 'Helen.Seth@example.nhs.uk'), gate({}))).toMatchObject({
      decide: false,
      complete: true,
      reforecast: true,
    });
    expect(gateActions(as('owner'), gate({}))).toMatchObject({ decide: false, complete: false, reforecast: false });
    expect(gateActions(as('owner', helen.email), gate({ owner: null }))).toMatchObject({
      decide: false,
      complete: false,
      reforecast: false,
    });
    // Decisions are the partnerships lead's, even on the owner's own approval gate.
    expect(gateActions(as('owner', helen.email), gate({ kind: 'approval' })).decide).toBe(false);
  });

  it('lets the SRO re-forecast and nothing else, and a viewer nothing', () => {
    expect(gateActions(as('sro'), gate({ kind: 'approval' }))).toMatchObject({
      decide: false,
      complete: false,
      reforecast: true,
    });
    expect(gateActions(as('viewer'), gate({ kind: 'approval' }))).toMatchObject({
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
    expect(gateActions(lead, gate({ kind: 'consultation', status: 'running' }))).toMatchObject({
      decide: false,
      complete: true,
      reforecast: false,
    });
    expect(gateActions(lead, gate({ status: 'not-started' }))).toMatchObject({
      decide: false,
      complete: false,
      reforecast: true,
    });
    expect(gateActions(lead, gate({ status: 'complete' }))).toMatchObject({
      decide: false,
      complete: false,
      reforecast: false,
    });
  });

  it('offers the running forms: owner and parties to the lead, start and evidence to the lead and the owner', () => {
    const lead = as('partnerships');
    const owner = as('owner', helen.email);
    expect(gateActions(lead, gate({}))).toMatchObject({ owner: true, parties: false, start: false, evidence: false });
    expect(gateActions(lead, gate({ kind: 'approval' })).parties).toBe(true);
    expect(gateActions(lead, gate({ kind: 'approval', status: 'complete' })).parties).toBe(false);
    expect(gateActions(owner, gate({ kind: 'approval' }))).toMatchObject({ owner: false, parties: false });
    // Offered before the consultation opens too, so that the workflow can say why not yet.
    for (const status of ['not-started', 'open'] as const) {
      expect(gateActions(owner, gate({ kind: 'consultation', status })).start).toBe(true);
    }
    expect(gateActions(owner, gate({ kind: 'consultation', status: 'running' })).start).toBe(false);
    expect(gateActions(as('owner'), gate({ kind: 'consultation' })).start).toBe(false);
    const checklist = gate({ evidence: [{ recordedOn: null }] });
    expect(gateActions(owner, checklist).evidence).toBe(true);
    expect(gateActions(as('sro'), checklist).evidence).toBe(false);
    expect(gateActions(lead, { ...checklist, status: 'complete' }).evidence).toBe(false);
    expect(gateActions(as('viewer'), checklist)).toMatchObject({
      owner: false,
      parties: false,
      start: false,
      evidence: false,
    });
  });
});
