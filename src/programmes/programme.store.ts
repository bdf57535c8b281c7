import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isPostgres, param, params, toInstant } from '../core/database/sql';
import { PersistedProgramme } from '../../workflows/engine';
import { NotFound } from '../core/errors/domain-error';
import { DecisionEntity } from './decision.entity';
import { EvidenceEntity } from './evidence.entity';
import { GateEntity } from './gate.entity';
import { PartyEntity } from './party.entity';
import { ProgrammeEntity } from './programme.entity';
import { CallInEntity, CommitteeNotificationEntity, ConditionEntity } from './condition.entity';
import { RevisionCache } from './revision-cache';

/** A programme with everything its status is computed from. */
export interface ProgrammeAggregate {
  programme: ProgrammeEntity;
  gates: GateEntity[];
  parties: PartyEntity[];
  /** Every decision, oldest first; the latest per party is the one in force. */
  decisions: DecisionEntity[];
  /** Evidence recorded against checklists, oldest first; the latest per item is the one in force. */
  evidence: EvidenceEntity[];
  /** Conditions of approvals, oldest first (v3 onwards; empty otherwise). */
  conditions: ConditionEntity[];
  /** Call-in requests and their outcomes, oldest first. */
  callIns: CallInEntity[];
  /** Changes of the dates given to the health scrutiny committee, oldest first. */
  notifications: CommitteeNotificationEntity[];
}

/**
 * The order a programme's parties are held in, whether loaded or changed in hand: by gate id (code points, whatever
 * the database's collation), then by position within the gate. A change that adds or replaces parties puts them
 * back in it, so that the programme kept after the change is the one a fresh load would give. Sorts in place.
 */
export function inPartyOrder(parties: PartyEntity[]): PartyEntity[] {
  return parties.sort((a, b) => (a.gateId < b.gateId ? -1 : a.gateId > b.gateId ? 1 : a.position - b.position));
}

export function persistedOf(programme: ProgrammeEntity): PersistedProgramme {
  return {
    definitionId: programme.workflowId,
    definitionVersion: programme.workflowVersion,
    xstateVersion: programme.xstateVersion,
    snapshot: typeof programme.snapshot === 'string' ? JSON.parse(programme.snapshot) : programme.snapshot,
  };
}

/**
 * Loads programmes in a few set-based queries, whatever their number. Plain SQL rather than
 * the ORM's query builder: this is the hot path of every read and write, and the builder
 * cost more than the queries. Dates come back as text on both dialects (CAST), instants are
 * normalised by toInstant.
 */
@Injectable()
export class ProgrammeStore {
  /**
   * The programmes as last loaded or committed, each for its revision: shared by the reads (what-ifs,
   * the critical path), which must never change one, and by the changes, which each get a copy.
   */
  private readonly programmes = new RevisionCache<ProgrammeAggregate>(KEPT_PROGRAMMES);
  /** Under test (CHECK_KEPT_PROGRAMMES=1): kept programmes are frozen, and each one a change starts from is compared with the database. */
  private readonly checking = process.env.CHECK_KEPT_PROGRAMMES === '1';

  /** The programme as kept for this revision, to read and never to change; undefined if none is. */
  kept(id: string, revision: number): ProgrammeAggregate | undefined {
    return this.programmes.get(id, String(revision));
  }

  /**
   * Keeps a programme as loaded, or as a change left it once its transaction has committed, for the
   * next read or change of the same revision. An older revision never replaces a newer one.
   */
  keep(aggregate: ProgrammeAggregate): void {
    const { id, revision } = aggregate.programme;
    const held = this.programmes.revisionOf(id);
    if (held !== undefined && Number(held) > revision) return;
    if (this.checking) deepFreeze(aggregate);
    this.programmes.set(id, String(revision), '', aggregate);
  }

  /**
   * A programme to change, inside the change's transaction: its row locked on PostgreSQL (FOR UPDATE;
   * SQLite's unit of work runs writers one by one), and a copy of the one kept for the revision the
   * database holds, else loaded. One indexed lookup instead of eight queries for a programme changed
   * or read before; the copy is the change's own to change, and is kept (ProgrammeStore.keep) only
   * once the transaction has committed.
   */
  async loadForChange(em: EntityManager, id: string): Promise<ProgrammeAggregate> {
    const pg = isPostgres(em);
    const rows: Array<{ revision: number | string }> = await em.query(
      `SELECT revision FROM programme WHERE id = ${param(em, 1)}${pg ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!rows.length) throw new NotFound('Programme', id);
    const kept = this.kept(id, Number(rows[0].revision));
    if (!kept) return this.load(em, id);
    const copy = copyOf(kept);
    if (this.checking) {
      const [held, stored] = [comparable(copy), comparable(await this.load(em, id))];
      if (held !== stored) {
        throw new Error(
          `Programme ${id} as kept for revision ${rows[0].revision} differs from the database:\n${held}\n${stored}`,
        );
      }
    }
    return copy;
  }

  async load(em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<ProgrammeAggregate> {
    const pg = isPostgres(em);
    const rows: Row[] = await em.query(
      `SELECT ${PROGRAMME_COLUMNS} FROM programme WHERE id = ${param(em, 1)}${options.lock && pg ? ' FOR UPDATE' : ''}`,
      [id],
    );
    // On PostgreSQL FOR UPDATE queues writers to one programme: two decisions at once both
    // land, one after the other. On SQLite the unit of work already runs writers one by one.
    if (!rows.length) throw new NotFound('Programme', id);
    const [aggregate] = await this.hydrate(em, rows.map(toProgramme));
    return aggregate;
  }

  async loadAll(em: EntityManager, ids?: string[]): Promise<ProgrammeAggregate[]> {
    const where = ids ? `WHERE id IN (${params(em, ids.length)})` : '';
    const rows: Row[] = await em.query(
      `SELECT ${PROGRAMME_COLUMNS} FROM programme ${where} ORDER BY name, id`,
      ids ?? [],
    );
    return this.hydrate(em, rows.map(toProgramme));
  }

  private async hydrate(em: EntityManager, programmes: ProgrammeEntity[]): Promise<ProgrammeAggregate[]> {
    if (programmes.length === 0) return [];
    const ids = programmes.map((p) => p.id);
    // Beyond a few hundred programmes one scan beats a long IN list.
    const all = ids.length > 500;
    const where = all ? '' : `WHERE programme_id IN (${params(em, ids.length)})`;
    const values = all ? [] : ids;
    const gateRows: Row[] = await em.query(
      `SELECT programme_id, gate_id, position, status, owner_name, owner_email, CAST(baseline_date AS TEXT) AS baseline_date,
              CAST(forecast_date AS TEXT) AS forecast_date, CAST(actual_date AS TEXT) AS actual_date,
              CAST(closes_on AS TEXT) AS closes_on, note
         FROM gate ${where} ORDER BY programme_id, position`,
      values,
    );
    const partyRows: Row[] = await em.query(
      `SELECT programme_id, gate_id, party_id, name, position, CAST(withdrawn_on AS TEXT) AS withdrawn_on, withdrawn_reason,
              withdrawn_by
         FROM party ${where} ORDER BY programme_id, gate_id, position`,
      values,
    );
    const decisionRows: Row[] = await em.query(
      `SELECT id, programme_id, gate_id, party_id, decision, CAST(decided_on AS TEXT) AS decided_on, reference, conditions,
              recorded_by, recorded_at
         FROM decision ${where} ORDER BY id`,
      values,
    );
    const evidenceRows: Row[] = await em.query(
      `SELECT id, programme_id, gate_id, item_id, CAST(recorded_on AS TEXT) AS recorded_on, reference, link, note,
              recorded_by, recorded_at
         FROM evidence ${where} ORDER BY id`,
      values,
    );
    const conditionRows: Row[] = await em.query(
      `SELECT id, programme_id, gate_id, party_id, text, owner_name, owner_email, CAST(due_date AS TEXT) AS due_date,
              CAST(discharged_on AS TEXT) AS discharged_on, evidence, created_by, created_at
         FROM gate_condition ${where} ORDER BY id`,
      values,
    );
    const callInRows: Row[] = await em.query(
      `SELECT id, programme_id, requested_by, CAST(requested_on AS TEXT) AS requested_on, grounds, outcome,
              CAST(outcome_on AS TEXT) AS outcome_on, decision, CAST(decided_on AS TEXT) AS decided_on, recorded_by
         FROM call_in ${where} ORDER BY id`,
      values,
    );
    const notificationRows: Row[] = await em.query(
      `SELECT id, programme_id, committee, change, CAST(owed_since AS TEXT) AS owed_since, CAST(sent_on AS TEXT) AS sent_on
         FROM committee_notification ${where} ORDER BY id`,
      values,
    );
    const c = group(
      conditionRows.map((r) =>
        Object.assign(new ConditionEntity(), {
          id: Number(r.id),
          programmeId: String(r.programme_id),
          gateId: String(r.gate_id),
          partyId: String(r.party_id),
          text: String(r.text),
          ownerName: str(r.owner_name),
          ownerEmail: str(r.owner_email),
          dueDate: str(r.due_date),
          dischargedOn: str(r.discharged_on),
          evidence: str(r.evidence),
          createdBy: String(r.created_by),
          createdAt: toInstant(r.created_at),
        }),
      ),
    );
    const ci = group(
      callInRows.map((r) =>
        Object.assign(new CallInEntity(), {
          id: Number(r.id),
          programmeId: String(r.programme_id),
          requestedBy: String(r.requested_by),
          requestedOn: String(r.requested_on),
          grounds: String(r.grounds),
          outcome: str(r.outcome),
          outcomeOn: str(r.outcome_on),
          decision: str(r.decision),
          decidedOn: str(r.decided_on),
          recordedBy: String(r.recorded_by),
        }),
      ),
    );
    const n = group(
      notificationRows.map((r) =>
        Object.assign(new CommitteeNotificationEntity(), {
          id: Number(r.id),
          programmeId: String(r.programme_id),
          committee: String(r.committee),
          change: String(r.change),
          owedSince: String(r.owed_since),
          sentOn: str(r.sent_on),
        }),
      ),
    );
    const g = group(gateRows.map(toGate));
    const p = group(partyRows.map(toParty));
    const d = group(decisionRows.map(toDecision));
    const e = group(evidenceRows.map(toEvidence));
    return programmes.map((programme) => ({
      programme,
      gates: g.get(programme.id) ?? [],
      parties: inPartyOrder(p.get(programme.id) ?? []),
      decisions: d.get(programme.id) ?? [],
      evidence: e.get(programme.id) ?? [],
      conditions: c.get(programme.id) ?? [],
      callIns: ci.get(programme.id) ?? [],
      notifications: n.get(programme.id) ?? [],
    }));
  }
}

type Row = Record<string, unknown>;

/** How many programmes are kept in memory (each some tens of kilobytes). */
const KEPT_PROGRAMMES = 1000;

/**
 * A copy of a kept programme for a change to work on: its own rows, so that a change that fails
 * leaves the kept one as it was. The snapshot and the other JSON values are shared: a change
 * replaces them, never alters them (under CHECK_KEPT_PROGRAMMES the kept ones are frozen).
 */
function copyOf(a: ProgrammeAggregate): ProgrammeAggregate {
  return {
    programme: Object.assign(new ProgrammeEntity(), a.programme),
    gates: a.gates.map((r) => Object.assign(new GateEntity(), r)),
    parties: a.parties.map((r) => Object.assign(new PartyEntity(), r)),
    decisions: a.decisions.map((r) => Object.assign(new DecisionEntity(), r)),
    evidence: a.evidence.map((r) => Object.assign(new EvidenceEntity(), r)),
    conditions: a.conditions.map((r) => Object.assign(new ConditionEntity(), r)),
    callIns: a.callIns.map((r) => Object.assign(new CallInEntity(), r)),
    notifications: a.notifications.map((r) => Object.assign(new CommitteeNotificationEntity(), r)),
  };
}

/** JSON with keys sorted and undefined left out: the same programme gives the same text however it was built. */
function comparable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || value instanceof Date) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

const PROGRAMME_COLUMNS =
  'id, name, workflow_id, workflow_version, xstate_version, snapshot, sro_name, sro_email, reminder_policy, councils, substantial_variation, scrutiny, revision, created_at, updated_at';

function group<T extends { programmeId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.programmeId);
    if (list) list.push(row);
    else map.set(row.programmeId, [row]);
  }
  return map;
}

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toProgramme(r: Row): ProgrammeEntity {
  return Object.assign(new ProgrammeEntity(), {
    id: String(r.id),
    name: String(r.name),
    workflowId: String(r.workflow_id),
    workflowVersion: Number(r.workflow_version),
    xstateVersion: String(r.xstate_version),
    snapshot: json(r.snapshot),
    sroName: String(r.sro_name),
    sroEmail: String(r.sro_email),
    reminderPolicy: (json(r.reminder_policy) as Record<string, unknown> | null) ?? null,
    councils: (json(r.councils) as string[] | null) ?? null,
    substantialVariation:
      r.substantial_variation === null || r.substantial_variation === undefined
        ? null
        : r.substantial_variation === true || Number(r.substantial_variation) === 1,
    scrutiny: (json(r.scrutiny) as ProgrammeEntity['scrutiny']) ?? null,
    revision: Number(r.revision),
    createdAt: toInstant(r.created_at),
    updatedAt: toInstant(r.updated_at),
  });
}

function toGate(r: Row): GateEntity {
  return Object.assign(new GateEntity(), {
    programmeId: String(r.programme_id),
    gateId: String(r.gate_id),
    position: Number(r.position),
    status: String(r.status),
    ownerName: str(r.owner_name),
    ownerEmail: str(r.owner_email),
    baselineDate: str(r.baseline_date),
    forecastDate: str(r.forecast_date),
    actualDate: str(r.actual_date),
    closesOn: str(r.closes_on),
    note: str(r.note),
  });
}

function toParty(r: Row): PartyEntity {
  return Object.assign(new PartyEntity(), {
    programmeId: String(r.programme_id),
    gateId: String(r.gate_id),
    partyId: String(r.party_id),
    name: String(r.name),
    position: Number(r.position),
    withdrawnOn: str(r.withdrawn_on),
    withdrawnReason: str(r.withdrawn_reason),
    withdrawnBy: str(r.withdrawn_by),
  });
}

function toDecision(r: Row): DecisionEntity {
  return Object.assign(new DecisionEntity(), {
    id: Number(r.id),
    programmeId: String(r.programme_id),
    gateId: String(r.gate_id),
    partyId: String(r.party_id),
    decision: String(r.decision),
    decidedOn: String(r.decided_on),
    reference: str(r.reference),
    conditions: str(r.conditions),
    recordedBy: String(r.recorded_by),
    recordedAt: toInstant(r.recorded_at),
  });
}

function toEvidence(r: Row): EvidenceEntity {
  return Object.assign(new EvidenceEntity(), {
    id: Number(r.id),
    programmeId: String(r.programme_id),
    gateId: String(r.gate_id),
    itemId: String(r.item_id),
    recordedOn: String(r.recorded_on),
    reference: str(r.reference),
    link: str(r.link),
    note: str(r.note),
    recordedBy: String(r.recorded_by),
    recordedAt: toInstant(r.recorded_at),
  });
}
