import { QueryRunner } from 'typeorm';
import { callInRegionState, CALL_IN_REGION } from '../../../../../workflows/call-in';
import { statusesFromContext } from '../../../../../workflows/context';
import { getDefinition } from '../../../../../workflows/registry';
import type { ProgrammeContext } from '../../../../../workflows/types';
import { callInStatusFromRecords } from '../../../../programmes/rules/regime';

/**
 * The snapshots of v3 programmes written before call-in became a region of the statechart (decision 025) gain
 * the region, in the state their call-in records say: a programme paused by a pending call-in stays paused.
 * The engine would read a snapshot without the region as "no call-in", which is right only without records.
 */
export async function upgradeCallInSnapshots(queryRunner: QueryRunner, postgres: boolean): Promise<void> {
  const p = (n: number) => (postgres ? `$${n}` : '?');
  const def = getDefinition('nhs-service-change', 3)!;
  const programmes: Array<{ id: string; snapshot: unknown }> = await queryRunner.query(
    `SELECT id, snapshot FROM programme WHERE workflow_id = ${p(1)} AND workflow_version = ${p(2)}`,
    ['nhs-service-change', 3],
  );
  for (const row of programmes) {
    const snapshot = (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as {
      value: Record<string, unknown>;
      context: ProgrammeContext;
    };
    if (!snapshot?.value || CALL_IN_REGION in snapshot.value) continue;
    const records: Array<Record<string, unknown>> = await queryRunner.query(
      `SELECT id, requested_by, CAST(requested_on AS TEXT) AS requested_on, grounds, outcome,
              CAST(outcome_on AS TEXT) AS outcome_on, decision, CAST(decided_on AS TEXT) AS decided_on
         FROM call_in WHERE programme_id = ${p(1)} ORDER BY id`,
      [row.id],
    );
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    snapshot.context.callIn = callInStatusFromRecords(
      records.map((r) => ({
        id: Number(r.id),
        requestedBy: String(r.requested_by),
        requestedOn: String(r.requested_on),
        grounds: String(r.grounds),
        outcome: text(r.outcome),
        outcomeOn: text(r.outcome_on),
        decision: text(r.decision),
        decidedOn: text(r.decided_on),
      })),
    );
    snapshot.value[CALL_IN_REGION] = callInRegionState(
      def,
      snapshot.context,
      statusesFromContext(def, snapshot.context),
    );
    await queryRunner.query(
      `UPDATE programme SET snapshot = ${postgres ? '$1::jsonb' : '?'} WHERE id = ${p(2)}`,
      [JSON.stringify(snapshot), row.id],
    );
  }
}
