import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../auth/roles';
import { Clock } from '../core/clock/clock';
import { NotFound, WorkflowConflict } from '../core/errors/domain-error';
import { ChangeContext, GateChangeService } from './gate-change.service';
import { GateEntity } from './gate.entity';
import { PartyEntity } from './party.entity';
import { AddPartyDto, SetOwnerDto, WithdrawPartyDto } from './programme.dto';
import { ProgrammeView } from './programme-view';
import { inPartyOrder } from './programme.store';

/**
 * Who a gate involves, after the programme was set up: its owner, and the parties of an
 * approval gate (a board that joins late, one that withdraws). Each change runs in the same
 * frame as every other gate change: one transaction under the programme's lock, audited.
 */
@Injectable()
export class GatePeopleService {
  constructor(
    @Inject(GateChangeService) private readonly changes: GateChangeService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Sets or changes a gate's owner. Reminders follow from the next sweep; one already sent to
   * the previous owner for the same date is not sent again (the sweep checks by kind and date).
   */
  setOwner(id: string, gateId: string, body: SetOwnerDto, actor: Actor): Promise<ProgrammeView> {
    return this.changes.change(id, gateId, actor, async (c) => {
      const before = c.gate.ownerEmail ? { name: c.gate.ownerName, email: c.gate.ownerEmail } : null;
      const after = { name: body.name, email: body.email.toLowerCase() };
      c.gate.ownerName = after.name;
      c.gate.ownerEmail = after.email;
      await c.em.update(GateEntity, { programmeId: id, gateId }, { ownerName: after.name, ownerEmail: after.email });
      return { action: 'gate.owner-changed', detail: { before, after } };
    });
  }

  /** Adds a party to an approval gate; a party that withdrew earlier is asked again. */
  addParty(id: string, gateId: string, body: AddPartyDto, actor: Actor): Promise<ProgrammeView> {
    return this.changes.change(id, gateId, actor, async (c) => {
      const mine = c.aggregate.parties.filter((p) => p.gateId === gateId);
      const existing = mine.find((p) => p.partyId === body.id);
      if (existing && !existing.withdrawnOn) {
        throw new WorkflowConflict(
          'PARTY_EXISTS',
          `${existing.name} is already a party to ${this.title(c)}: each party is asked once`,
        );
      }
      const active = mine.filter((p) => !p.withdrawnOn).map((p) => p.partyId);
      await this.changes.step(c, { type: 'gate.parties', gateId, parties: [...active, body.id] }, '');
      if (existing) {
        Object.assign(existing, { name: body.name, withdrawnOn: null, withdrawnReason: null, withdrawnBy: null });
        await c.em.update(
          PartyEntity,
          { programmeId: id, gateId, partyId: body.id },
          { name: body.name, withdrawnOn: null, withdrawnReason: null, withdrawnBy: null },
        );
      } else {
        const row = c.em.create(PartyEntity, {
          programmeId: id,
          gateId,
          partyId: body.id,
          name: body.name,
          position: mine.reduce((max, p) => Math.max(max, p.position + 1), 0),
          withdrawnOn: null,
          withdrawnReason: null,
          withdrawnBy: null,
        });
        await c.em.insert(PartyEntity, row);
        c.aggregate.parties = inPartyOrder([...c.aggregate.parties, row]);
      }
      return {
        action: 'party.added',
        detail: {
          partyId: body.id,
          partyName: body.name,
          rejoined: !!existing,
          after: { id: body.id, name: body.name },
        },
      };
    });
  }

  /**
   * Withdraws a party: its decision is no longer needed, so the gate may complete without it.
   * The workflow keeps a party that has decided (its decision is on the record: 409), and an
   * approval gate needs at least one party (422); each refusal says why (decision 008).
   */
  withdrawParty(
    id: string,
    gateId: string,
    partyId: string,
    body: WithdrawPartyDto,
    actor: Actor,
  ): Promise<ProgrammeView> {
    return this.changes.change(id, gateId, actor, async (c) => {
      const mine = c.aggregate.parties.filter((p) => p.gateId === gateId);
      const party = mine.find((p) => p.partyId === partyId);
      if (!party) throw new NotFound('Party', partyId);
      if (party.withdrawnOn) {
        throw new WorkflowConflict(
          'PARTY_WITHDRAWN',
          `${party.name} already withdrew from ${this.title(c)} on ${party.withdrawnOn}`,
        );
      }
      const remaining = mine.filter((p) => !p.withdrawnOn && p.partyId !== partyId).map((p) => p.partyId);
      const carried = await this.changes.step(
        c,
        { type: 'gate.parties', gateId, parties: remaining },
        `${party.name} withdrew`,
      );
      const withdrawnOn = this.clock.today();
      Object.assign(party, { withdrawnOn, withdrawnReason: body.reason, withdrawnBy: c.who });
      await c.em.update(
        PartyEntity,
        { programmeId: id, gateId, partyId },
        { withdrawnOn, withdrawnReason: body.reason, withdrawnBy: c.who },
      );
      return {
        action: 'party.withdrawn',
        detail: {
          partyId,
          partyName: party.name,
          reason: body.reason,
          after: { withdrawnOn },
          gateStatus: c.gate.status,
          carried,
        },
      };
    });
  }

  private title(c: ChangeContext): string {
    return c.def.gates.find((g) => g.id === c.gate.gateId)?.title ?? c.gate.gateId;
  }
}
