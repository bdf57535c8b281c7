import { Injectable } from '@nestjs/common';
import { Between, EntityManager, In, IsNull, LessThanOrEqual, MoreThan, MoreThanOrEqual, Not } from 'typeorm';
import { IsoDate } from '../../workflows/types';
import { OutboxMessageEntity } from '../mail/outbox-message.entity';
import { DecisionEntity } from '../programmes/decision.entity';
import { ForecastChangeEntity } from '../programmes/forecast-change.entity';
import { GateEntity } from '../programmes/gate.entity';
import { PartyEntity } from '../programmes/party.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { CallInEntity } from '../programmes/condition.entity';
import { callInStatusOf } from '../programmes/rules/regime';
import { isPaused } from '../../workflows/types';

export interface Candidates {
  gates: GateEntity[];
  programmes: Map<string, ProgrammeEntity>;
  /** Per programme: its parties and decisions (oldest first), for approval gates among the candidates. */
  parties: Map<string, PartyEntity[]>;
  decisions: Map<string, DecisionEntity[]>;
  /**
   * Reminders already in the outbox for the candidates' programmes: `programme|gate|kind|dueDate`.
   * Whoever received it: each kind goes to one role (owner or SRO), so a reminder sent to a
   * gate's previous owner counts as sent, and a change of owner never sends it again.
   */
  queued: Set<string>;
  /** Programmes paused by a call-in: their reminders are held (v3 onwards). */
  held: Set<string>;
  /** The forecast changes looked at, in id order. */
  changes: Array<{ id: number; at: Date }>;
}

const CHUNK = 500;

/**
 * Finds the gates a sweep must look at, in a few set-based queries over indexed columns:
 * outstanding gates whose date lies in the window the sweep covers (gate status and forecast
 * date index), plus gates whose date changed since the last sweep (forecast changes after the
 * watermark, by primary key). Nothing here reads every programme.
 */
@Injectable()
export class ReminderCandidates {
  async load(
    em: EntityManager,
    window: { from: IsoDate | null; to: IsoDate },
    changeWatermark: number,
    since: Date | null = null,
  ): Promise<Candidates> {
    const outstanding = In(['not-started', 'open']);
    const inWindow = await em.find(GateEntity, {
      where: {
        status: outstanding,
        forecastDate: window.from ? Between(window.from, window.to) : LessThanOrEqual(window.to),
      },
    });
    const changes = await em.find(ForecastChangeEntity, {
      select: { id: true, programmeId: true, gateId: true, at: true },
      where: { id: MoreThan(changeWatermark) },
      order: { id: 'ASC' },
    });
    const gates = new Map(inWindow.map((g) => [`${g.programmeId}|${g.gateId}`, g]));
    const changed = new Set(changes.map((c) => `${c.programmeId}|${c.gateId}`).filter((k) => !gates.has(k)));
    const changedProgrammes = [...new Set(changes.map((c) => c.programmeId))];
    for (const ids of chunks(changedProgrammes)) {
      const rows = await em.find(GateEntity, { where: { programmeId: In(ids), status: outstanding } });
      for (const g of rows)
        if (changed.has(`${g.programmeId}|${g.gateId}`)) gates.set(`${g.programmeId}|${g.gateId}`, g);
    }

    for (const ids of chunks(await this.resumedSince(em, since))) {
      for (const g of await em.find(GateEntity, { where: { programmeId: In(ids), status: outstanding } })) {
        gates.set(`${g.programmeId}|${g.gateId}`, g);
      }
    }

    const programmeIds = [...new Set([...gates.values()].map((g) => g.programmeId))];
    const programmes = new Map<string, ProgrammeEntity>();
    const parties = new Map<string, PartyEntity[]>();
    const decisions = new Map<string, DecisionEntity[]>();
    const queued = new Set<string>();
    const held = new Set<string>();
    for (const ids of chunks(programmeIds)) {
      const rows = await em.find(ProgrammeEntity, {
        select: {
          id: true,
          name: true,
          workflowId: true,
          workflowVersion: true,
          sroName: true,
          sroEmail: true,
          reminderPolicy: true,
          snapshot: true,
        },
        where: { id: In(ids) },
      });
      for (const p of rows) {
        // The statechart's call-in region says whether the programme is paused.
        if (isPaused(callInStatusOf(p.snapshot))) held.add(p.id);
        programmes.set(p.id, p);
      }
      for (const p of await em.find(PartyEntity, { where: { programmeId: In(ids) }, order: { position: 'ASC' } })) {
        push(parties, p.programmeId, p);
      }
      for (const d of await em.find(DecisionEntity, { where: { programmeId: In(ids) }, order: { id: 'ASC' } })) {
        push(decisions, d.programmeId, d);
      }
      const sent = await em.find(OutboxMessageEntity, {
        select: { id: true, programmeId: true, gateId: true, kind: true, dueDate: true, recipient: true },
        where: { programmeId: In(ids) },
      });
      for (const m of sent) queued.add(queuedKey(m.programmeId, m.gateId, m.kind, m.dueDate));
    }
    return {
      gates: [...gates.values()].filter((g) => programmes.has(g.programmeId)),
      programmes,
      parties,
      decisions,
      queued,
      held,
      changes: changes.map((c) => ({ id: c.id, at: new Date(c.at) })),
    };
  }

  /**
   * Programmes whose call-in pause may have ended since the last sweep: every gate of theirs is looked at
   * again, so a gate whose date passed while its reminders were held gets its one catch-up reminder (the
   * policy sends only the latest one due, standing in for the rest). A call-in that ended is one with an
   * outcome of not called in or a decision; the programme changed when it was recorded. The call-in table
   * is small, and the programmes are read by primary key.
   */
  private async resumedSince(em: EntityManager, since: Date | null): Promise<string[]> {
    if (!since) return [];
    const ended = await em.find(CallInEntity, {
      select: { programmeId: true },
      where: [{ outcome: 'not-called-in' }, { decidedOn: Not(IsNull()) }],
    });
    const ids = [...new Set(ended.map((c) => c.programmeId))];
    const after = new Date(since.getTime() - RESUME_SETTLE_MS);
    const resumed: string[] = [];
    for (const chunk of chunks(ids)) {
      const rows = await em.find(ProgrammeEntity, {
        select: { id: true },
        where: { id: In(chunk), updatedAt: MoreThanOrEqual(after) },
      });
      resumed.push(...rows.map((p) => p.id));
    }
    return resumed;
  }
}

/** A change recorded just before the last sweep may have committed after it read: look a little further back. */
const RESUME_SETTLE_MS = 5 * 60_000;

export function queuedKey(programmeId: string, gateId: string, kind: string, dueDate: string): string {
  return [programmeId, gateId, kind, dueDate].join('|');
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
