// Rules for approval gates: who decides, what a decision may be, and when the gate has its approvals.
import { isApproval } from './context';
import { gateTitle } from './definition';
import { own } from './own';
import { listOf, partyLabel, refuse, title, type GateCondition, type Rule } from './reasons';
import { DECISIONS } from './types';

export const approvalsComplete: GateCondition = (def, context, state, gateId) => {
  const parties = Object.entries(own(context.gates, gateId)?.parties ?? {});
  const name = gateTitle(def, gateId);
  // With nobody named, "every party approved" would be vacuously true and the gate would complete unseen.
  if (parties.length === 0)
    return refuse('NO_PARTIES', `${name} cannot complete: no parties have been named to decide`);
  const outstanding = parties
    .filter(([, party]) => !isApproval(party))
    .map(([id, party]) =>
      party.decision
        ? `${partyLabel(state, id)} has not approved (${party.decision.replace('-', ' ')} on ${party.decidedOn})`
        : `${partyLabel(state, id)} has not decided yet`,
    );
  return outstanding.length
    ? refuse('APPROVALS_OUTSTANDING', `${name} cannot complete: ${outstanding.join('; ')}`)
    : null;
};

export const knownParty: Rule = (def, context, _state, event) =>
  event.type === 'gate.decide' && !own(own(context.gates, event.gateId)?.parties, event.partyId)
    ? refuse('UNKNOWN_PARTY', `Unknown party '${event.partyId}' for ${title(def, event)}`)
    : null;

export const validDecision: Rule = (_def, _context, _state, event) =>
  event.type === 'gate.decide' && !DECISIONS.includes(event.decision)
    ? refuse('INVALID_DECISION', `'${event.decision}' is not a decision: use ${listOf(DECISIONS.map(String), 'or')}`)
    : null;

/** A later decision supersedes an earlier one, so decisions must arrive in date order to mean anything. */
export const decisionsInOrder: Rule = (def, context, state, event) => {
  if (event.type !== 'gate.decide') return null;
  const previous = own(own(context.gates, event.gateId)?.parties, event.partyId);
  if (!previous?.decidedOn || event.decidedOn >= previous.decidedOn) return null;
  return refuse(
    'DECISION_OUT_OF_ORDER',
    `${partyLabel(state, event.partyId)} already has a later decision on ${title(def, event)} ` +
      `(${previous.decision} on ${previous.decidedOn}); a decision dated ${event.decidedOn} cannot supersede it`,
  );
};

export const validPartyList: Rule = (def, _context, _state, event) => {
  if (event.type !== 'gate.parties') return null;
  if (!Array.isArray(event.parties) || event.parties.length === 0) {
    return refuse('INVALID_PARTIES', `${title(def, event)} needs at least one party to decide`);
  }
  if (event.parties.some((p) => typeof p !== 'string' || !p.trim())) {
    return refuse('INVALID_PARTIES', 'Party ids must be non-empty text');
  }
  const twice = event.parties.find((p, i) => event.parties.indexOf(p) !== i);
  return twice ? refuse('INVALID_PARTIES', `Party '${twice}' is listed twice for ${title(def, event)}`) : null;
};

export const keepsDecidedParties: Rule = (def, context, state, event) => {
  if (event.type !== 'gate.parties') return null;
  const dropped = Object.entries(own(context.gates, event.gateId)?.parties ?? {}).find(
    ([id, party]) => party.decision && !event.parties.includes(id),
  );
  return dropped
    ? refuse(
        'PARTY_HAS_DECIDED',
        `${partyLabel(state, dropped[0])} cannot be removed from ${title(def, event)}: it has decided (${dropped[1].decision} on ${dropped[1].decidedOn})`,
      )
    : null;
};
