import { QueryRunner } from 'typeorm';
import { chainOf, entryHash } from '../../../audit/audit-chain';
import { toInstant } from '../sql';

/**
 * Links the entries written before the audit trail was a hash chain, in the order they were
 * written, and records each chain's head. Used once, by the AuditChain migration of each dialect.
 */
export async function backfillAuditChains(queryRunner: QueryRunner, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const p = (n: number) => (dialect === 'postgres' ? `$${n}` : '?');
  const rows: Array<Record<string, unknown>> = await queryRunner.query(
    'SELECT id, programme_id, at, actor, action, gate_id, detail FROM audit_entry ORDER BY id',
  );
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const row of rows) {
    const programmeId = (row.programme_id as string | null) ?? null;
    const chain = chainOf(programmeId);
    const head = heads.get(chain) ?? { seq: 0, hash: '' };
    const seq = head.seq + 1;
    const detail: unknown = typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail;
    const hash = entryHash(
      {
        programmeId,
        seq,
        at: toInstant(row.at),
        actor: String(row.actor),
        action: String(row.action),
        gateId: (row.gate_id as string | null) ?? null,
        detail,
      },
      head.hash,
    );
    await queryRunner.query(
      `UPDATE audit_entry SET seq = ${p(1)}, prev_hash = ${p(2)}, hash = ${p(3)} WHERE id = ${p(4)}`,
      [seq, head.hash, hash, row.id],
    );
    heads.set(chain, { seq, hash });
  }
  for (const [chain, head] of heads) {
    await queryRunner.query(`INSERT INTO audit_chain (chain, seq, hash) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
      chain,
      head.seq,
      head.hash,
    ]);
  }
}
