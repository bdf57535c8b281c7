import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../auth/roles';
import { UnitOfWork } from '../core/database/unit-of-work';
import { param } from '../core/database/sql';
import { ProgrammeService } from './programme.service';
import { Rag } from './rules/rag';

export interface MyGate {
  programmeId: string;
  programmeName: string;
  gateId: string;
  title: string;
  kind: string;
  status: string;
  rag: Rag;
  ragReason: string;
  baselineDate: string | null;
  forecastDate: string | null;
  actualDate: string | null;
}

/**
 * The gates a person owns, across programmes: outstanding ones first, soonest due first (a
 * gate without a date after those with one), then complete ones, latest first. Views come
 * from ProgrammeService, so RAG and forecasts are the ones every other page shows.
 */
@Injectable()
export class MyGatesService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(ProgrammeService) private readonly programmes: ProgrammeService,
  ) {}

  async list(actor: Actor): Promise<MyGate[]> {
    const email = actor.email.toLowerCase();
    const rows: Array<{ programme_id: string }> = await this.uow.read.query(
      `SELECT DISTINCT programme_id FROM gate WHERE owner_email = ${param(this.uow.read, 1)}`,
      [email],
    );
    const ids = rows
      .map((r) => String(r.programme_id))
      .filter((id) => !actor.programmeId || actor.role === 'admin' || id === actor.programmeId);
    const gates: MyGate[] = [];
    for (const id of ids) {
      const view = await this.programmes.get(id);
      for (const g of view.gates) {
        if (g.owner?.email.toLowerCase() !== email) continue;
        gates.push({
          programmeId: view.id,
          programmeName: view.name,
          gateId: g.id,
          title: g.title,
          kind: g.kind,
          status: g.status,
          rag: g.rag,
          ragReason: g.ragReason,
          baselineDate: g.baselineDate,
          forecastDate: g.forecastDate,
          actualDate: g.actualDate,
        });
      }
    }
    return gates.sort(soonestFirst);
  }
}

export function soonestFirst(a: MyGate, b: MyGate): number {
  const doneA = a.status === 'complete';
  const doneB = b.status === 'complete';
  if (doneA !== doneB) return doneA ? 1 : -1;
  if (doneA) return compare(b.actualDate ?? '', a.actualDate ?? '') || names(a, b);
  if (!a.forecastDate !== !b.forecastDate) return a.forecastDate ? -1 : 1;
  return compare(a.forecastDate ?? '', b.forecastDate ?? '') || names(a, b);
}

function names(a: MyGate, b: MyGate): number {
  return compare(a.programmeName, b.programmeName) || compare(a.programmeId, b.programmeId);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
