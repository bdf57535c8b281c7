// Ids from outside are looked up as own keys: a party, gate or event type named after something every
// object inherits (`constructor`, `toString`, `__proto__`) is unknown, not found on the prototype.
import fc from 'fast-check';
import { nhsServiceChangeV1 } from './definitions/nhs-service-change.v1';
import { applyEvent, inspectProgramme, runEvents } from './engine';
import { explain } from './guards';
import { own } from './own';
import { BCT_INPUT, BCT_PARTNER_DECISIONS } from './scenarios';
import type { WorkflowEvent } from './types';

const def = nhsServiceChangeV1;
const midApprovals = runEvents(def, BCT_INPUT, BCT_PARTNER_DECISIONS);

/** Names every object answers to through its prototype, and strings shaped like them. */
const INHERITED = Object.getOwnPropertyNames(Object.prototype);
const prototypeId = fc.oneof(
  fc.constantFrom(...INHERITED, '__proto__', 'prototype'),
  fc.constantFrom(...INHERITED).map((name) => name.toLowerCase()),
  fc.string({ minLength: 1, maxLength: 20 }),
);
const listedParties = new Set(BCT_INPUT.parties?.['partner-approvals'] ?? []);

describe('own', () => {
  it('finds own keys and nothing inherited', () => {
    fc.assert(
      fc.property(prototypeId, fc.integer(), (key, value) => {
        expect(own({}, key)).toBeUndefined();
        expect(own(Object.fromEntries([[key, value]]), key)).toBe(value);
        expect(own(undefined, key)).toBeUndefined();
      }),
    );
  });
});

describe('ids named after inherited properties', () => {
  it('a decision for a party the gate does not list is refused as UNKNOWN_PARTY, and changes nothing', () => {
    fc.assert(
      fc.property(
        prototypeId.filter((id) => !listedParties.has(id)),
        (partyId) => {
          const event: WorkflowEvent = {
            type: 'gate.decide',
            gateId: 'partner-approvals',
            partyId,
            decision: 'approved',
            decidedOn: '2015-10-22',
          };
          const before = JSON.stringify(midApprovals);
          const result = applyEvent(def, midApprovals, event);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.refusal.code).toBe('UNKNOWN_PARTY');
          expect(JSON.stringify(midApprovals)).toBe(before);
        },
      ),
    );
  });

  it('a gate id that is not in the definition is refused as UNKNOWN_GATE', () => {
    const { context, statuses } = inspectProgramme(def, midApprovals);
    fc.assert(
      fc.property(
        prototypeId.filter((id) => !def.gates.some((g) => g.id === id)),
        fc.constantFrom('gate.complete', 'gate.decide', 'gate.evidence', 'consultation.start'),
        (gateId, type) => {
          const refusal = explain(def, context, { statuses }, { type, gateId } as WorkflowEvent);
          expect(refusal?.code).toBe('UNKNOWN_GATE');
        },
      ),
    );
  });

  it('an event type named after an inherited property is an unknown event', () => {
    const { context, statuses } = inspectProgramme(def, midApprovals);
    fc.assert(
      fc.property(fc.constantFrom(...INHERITED, '__proto__'), (type) => {
        const refusal = explain(def, context, { statuses }, { type, gateId: 'pcbc-draft' } as unknown as WorkflowEvent);
        expect(refusal?.code).toBe('UNKNOWN_EVENT');
      }),
    );
  });
});
