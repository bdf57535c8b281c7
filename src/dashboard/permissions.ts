import { GateKind, GateStatus } from '../../workflows/types';
import { Actor } from '../auth/roles';

// Which forms a person is offered on a gate. The services enforce the same rules (and the
// workflow the rest); this only keeps the pages from offering what would be refused.

export interface ActionGate {
  kind: GateKind;
  status: GateStatus;
  owner: { name: string; email: string } | null;
  /** The gate's evidence checklist, when it has one. */
  evidence?: Array<{ recordedOn: string | null }>;
}

export interface GateActions {
  decide: boolean;
  complete: boolean;
  reforecast: boolean;
  /** Set or change the owner. */
  owner: boolean;
  /** Add or withdraw parties of an approval gate. */
  parties: boolean;
  /** Launch a consultation (offered before it opens too, so that the workflow can say why not yet). */
  start: boolean;
  /** Record evidence against the gate's checklist. */
  evidence: boolean;
}

export type GateAction = keyof GateActions;

const LEADS = new Set(['admin', 'partnerships']);

function ownsGate(actor: Pick<Actor, 'role' | 'email'>, gate: ActionGate): boolean {
  return actor.role === 'owner' && !!gate.owner && gate.owner.email.toLowerCase() === actor.email.toLowerCase();
}

export function gateActions(actor: Pick<Actor, 'role' | 'email'>, gate: ActionGate): GateActions {
  const lead = LEADS.has(actor.role);
  const owner = ownsGate(actor, gate);
  const completable =
    (gate.kind === 'task' && gate.status === 'open') || (gate.kind === 'consultation' && gate.status === 'running');
  return {
    decide: lead && gate.kind === 'approval' && gate.status === 'open',
    complete: (lead || owner) && completable,
    // Once a gate is complete or under way its dates are actuals, not forecasts.
    reforecast: (lead || owner || actor.role === 'sro') && (gate.status === 'not-started' || gate.status === 'open'),
    owner: lead,
    parties: lead && gate.kind === 'approval' && gate.status !== 'complete',
    start: (lead || owner) && gate.kind === 'consultation' && (gate.status === 'not-started' || gate.status === 'open'),
    evidence: (lead || owner) && !!gate.evidence?.length && gate.status !== 'complete',
  };
}
