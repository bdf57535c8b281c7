import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitOfWork } from '../core/database/unit-of-work';
import { instant, jsonPlaceholder, param, params, toInstant } from '../core/database/sql';
import { Clock } from '../core/clock/clock';
import { AuditEntryEntity } from './audit-entry.entity';
import { ChainFault, StoredEntry, chainOf, entryHash, verifyChain } from './audit-chain';

export interface AuditRecord {
  programmeId: string | null;
  actor: string;
  action: string;
  gateId?: string | null;
  detail: Record<string, unknown>;
}

export interface ChainReport {
  /** The programme id, or '' for entries that belong to no programme. */
  chain: string;
  entries: number;
  fault: ChainFault | null;
}

/** The append-only trail. Entries are written inside the transaction of the change they record. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Appends an entry as the next link of its programme's hash chain. The chain head is bumped
   * first, with an upsert: on PostgreSQL that takes the head row's lock until the change commits,
   * so concurrent changes to one programme link one after another; SQLite has one writer anyway.
   */
  async append(em: EntityManager, record: AuditRecord): Promise<void> {
    const chain = chainOf(record.programmeId);
    const [head] = (await em.query(
      `INSERT INTO audit_chain (chain, seq, hash) VALUES (${param(em, 1)}, 1, '')
       ON CONFLICT (chain) DO UPDATE SET seq = audit_chain.seq + 1
       RETURNING seq, hash`,
      [chain],
    )) as Array<{ seq: number; hash: string }>;
    const at = this.clock.now();
    // What is stored is JSON, so the hash is taken over the detail as JSON gives it back; the text
    // stored is the text it was parsed from (the same as writing the parsed value out again).
    const text = JSON.stringify(record.detail);
    const detail: unknown = JSON.parse(text);
    const seq = Number(head.seq);
    const gateId = record.gateId ?? null;
    const hash = entryHash(
      { programmeId: record.programmeId, seq, at, actor: record.actor, action: record.action, gateId, detail },
      head.hash,
    );
    await em.query(
      `INSERT INTO audit_entry (programme_id, at, actor, action, gate_id, detail, seq, prev_hash, hash)
       VALUES (${params(em, 5)}, ${jsonPlaceholder(em, 6)}, ${params(em, 3, 7)})`,
      [record.programmeId, instant(em, at), record.actor, record.action, gateId, text, seq, head.hash, hash],
    );
    await em.query(`UPDATE audit_chain SET hash = ${param(em, 1)} WHERE chain = ${param(em, 2)}`, [hash, chain]);
  }

  async list(programmeId: string, limit?: number) {
    const rows = await this.uow.read.getRepository(AuditEntryEntity).find({
      where: { programmeId },
      order: { id: limit ? 'DESC' : 'ASC' },
      ...(limit ? { take: limit } : {}),
    });
    if (limit) rows.reverse();
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      action: r.action,
      ...(r.gateId ? { gateId: r.gateId } : {}),
      detail: r.detail,
    }));
  }

  /**
   * Checks the hash chain of one programme, or of every programme (and of the entries that
   * belong to none) when none is named. Reads committed rows only; safe while the service runs.
   */
  async verify(programmeId?: string): Promise<ChainReport[]> {
    const em = this.uow.read;
    const one = programmeId !== undefined;
    const chainFilter = one ? `WHERE chain = ${param(em, 1)}` : '';
    const heads: Array<{ chain: string; seq: number; hash: string }> = await em.query(
      `SELECT chain, seq, hash FROM audit_chain ${chainFilter}`,
      one ? [programmeId] : [],
    );
    const entryFilter = one ? `WHERE programme_id = ${param(em, 1)}` : '';
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT id, programme_id, at, actor, action, gate_id, detail, seq, prev_hash, hash
         FROM audit_entry ${entryFilter} ORDER BY id`,
      one ? [programmeId] : [],
    );
    const byChain = new Map<string, StoredEntry[]>();
    for (const head of heads) byChain.set(head.chain, []);
    if (one) byChain.set(programmeId, byChain.get(programmeId) ?? []);
    for (const row of rows) {
      const entry = storedEntry(row);
      const chain = chainOf(entry.programmeId);
      const list = byChain.get(chain);
      if (list) list.push(entry);
      else byChain.set(chain, [entry]);
    }
    const headOf = new Map(heads.map((h) => [h.chain, { seq: Number(h.seq), hash: h.hash }]));
    return [...byChain.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([chain, entries]) => ({
        chain,
        entries: entries.length,
        fault: verifyChain(chain, entries, headOf.get(chain) ?? null),
      }));
  }
}

function storedEntry(row: Record<string, unknown>): StoredEntry {
  return {
    id: Number(row.id),
    programmeId: (row.programme_id as string | null) ?? null,
    seq: row.seq === null ? 0 : Number(row.seq),
    at: toInstant(row.at),
    actor: String(row.actor),
    action: String(row.action),
    gateId: (row.gate_id as string | null) ?? null,
    // SQLite keeps JSON as text; PostgreSQL's driver parses jsonb already.
    detail: typeof row.detail === 'string' ? parseOrKeep(row.detail) : row.detail,
    prevHash: (row.prev_hash as string | null) ?? null,
    hash: (row.hash as string | null) ?? null,
  };
}

/** Text that is no longer JSON was altered: kept as text, so that its hash no longer matches. */
function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
