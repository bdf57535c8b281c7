import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { PersistedProgramme } from '../../workflows/engine';
import { NotFound } from '../core/errors/domain-error';
import { DecisionEntity } from './decision.entity';
import { GateEntity } from './gate.entity';
import { PartyEntity } from './party.entity';
import { ProgrammeEntity } from './programme.entity';

/** A programme with everything its status is computed from. */
export interface ProgrammeAggregate {
  programme: ProgrammeEntity;
  gates: GateEntity[];
  parties: PartyEntity[];
  /** Every decision, oldest first; the latest per party is the one in force. */
  decisions: DecisionEntity[];
}

export function persistedOf(programme: ProgrammeEntity): PersistedProgramme {
  return {
    definitionId: programme.workflowId,
    definitionVersion: programme.workflowVersion,
    xstateVersion: programme.xstateVersion,
    snapshot: typeof programme.snapshot === 'string' ? JSON.parse(programme.snapshot) : programme.snapshot,
  };
}

/** Loads programmes in a few set-based queries, whatever their number. */
@Injectable()
export class ProgrammeStore {
  async load(em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<ProgrammeAggregate> {
    if (options.lock && em.connection.options.type === 'postgres') {
      // Writers to one programme queue here; two decisions at once both land, one after the other.
      await em.query('SELECT id FROM programme WHERE id = $1 FOR UPDATE', [id]);
    }
    const programme = await em.findOneBy(ProgrammeEntity, { id });
    if (!programme) throw new NotFound('Programme', id);
    const [aggregate] = await this.hydrate(em, [programme]);
    return aggregate;
  }

  async loadAll(em: EntityManager, ids?: string[]): Promise<ProgrammeAggregate[]> {
    const programmes = await em.find(ProgrammeEntity, {
      where: ids ? { id: In(ids) } : {},
      order: { name: 'ASC', id: 'ASC' },
    });
    return this.hydrate(em, programmes);
  }

  private async hydrate(em: EntityManager, programmes: ProgrammeEntity[]): Promise<ProgrammeAggregate[]> {
    if (programmes.length === 0) return [];
    const ids = programmes.map((p) => p.id);
    const where = programmes.length > 500 ? {} : { programmeId: In(ids) };
    const [gates, parties, decisions] = await Promise.all([
      em.find(GateEntity, { where, order: { position: 'ASC' } }),
      em.find(PartyEntity, { where, order: { position: 'ASC' } }),
      em.find(DecisionEntity, { where, order: { id: 'ASC' } }),
    ]);
    const group = <T extends { programmeId: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) {
        const list = map.get(row.programmeId);
        if (list) list.push(row);
        else map.set(row.programmeId, [row]);
      }
      return map;
    };
    const g = group(gates);
    const p = group(parties);
    const d = group(decisions);
    return programmes.map((programme) => ({
      programme,
      gates: g.get(programme.id) ?? [],
      parties: p.get(programme.id) ?? [],
      decisions: d.get(programme.id) ?? [],
    }));
  }
}
