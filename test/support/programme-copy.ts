import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '../../src/core/database/unit-of-work';
import { param } from '../../src/core/database/sql';
import { TestApp } from './test-app';

/**
 * A copy of a programme under a new id, row for row (programme, gates, parties, decisions),
 * made in SQL beside the service: what a re-forecast replayed on it does, it does on the same
 * state as the original, which is left untouched.
 */
export async function copyProgramme(t: TestApp, programmeId: string): Promise<string> {
  const copy = randomUUID();
  await t.get(UnitOfWork).run(async (em) => {
    const [a, b] = [param(em, 1), param(em, 2)];
    await em.query(
      `INSERT INTO programme (id, name, workflow_id, workflow_version, xstate_version, snapshot, sro_name, sro_email,
                              reminder_policy, revision, created_at, updated_at)
       SELECT ${a}, name, workflow_id, workflow_version, xstate_version, snapshot, sro_name, sro_email,
              reminder_policy, revision, created_at, updated_at FROM programme WHERE id = ${b}`,
      [copy, programmeId],
    );
    await em.query(
      `INSERT INTO gate (programme_id, gate_id, position, status, owner_name, owner_email, baseline_date, forecast_date,
                         actual_date, closes_on, note)
       SELECT ${a}, gate_id, position, status, owner_name, owner_email, baseline_date, forecast_date, actual_date,
              closes_on, note FROM gate WHERE programme_id = ${b}`,
      [copy, programmeId],
    );
    await em.query(
      `INSERT INTO party (programme_id, gate_id, party_id, name, position)
       SELECT ${a}, gate_id, party_id, name, position FROM party WHERE programme_id = ${b}`,
      [copy, programmeId],
    );
    await em.query(
      `INSERT INTO decision (programme_id, gate_id, party_id, decision, decided_on, reference, conditions, recorded_by,
                             recorded_at)
       SELECT ${a}, gate_id, party_id, decision, decided_on, reference, conditions, recorded_by, recorded_at
         FROM decision WHERE programme_id = ${b} ORDER BY id`,
      [copy, programmeId],
    );
  });
  return copy;
}
