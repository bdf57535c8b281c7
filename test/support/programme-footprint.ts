import { UnitOfWork } from '../../src/core/database/unit-of-work';
import { param } from '../../src/core/database/sql';
import { TestApp } from './test-app';

/**
 * Everything a change to a programme could leave behind, read straight from the database:
 * the programme row (revision, snapshot), its gates, forecast history, decisions, conditions,
 * audit trail and every outbox message. Two equal footprints mean nothing was written.
 */
export async function programmeFootprint(t: TestApp, programmeId: string) {
  const em = t.get(UnitOfWork).read;
  const q = (sql: string, params: unknown[] = []) => em.query(sql, params) as Promise<unknown[]>;
  const id = param(em, 1);
  return {
    programme: await q(`SELECT revision, snapshot, updated_at FROM programme WHERE id = ${id}`, [programmeId]),
    gates: await q(
      `SELECT gate_id, status, CAST(baseline_date AS TEXT) AS b, CAST(forecast_date AS TEXT) AS f,
              CAST(actual_date AS TEXT) AS a FROM gate WHERE programme_id = ${id} ORDER BY position`,
      [programmeId],
    ),
    forecasts: await q(`SELECT COUNT(*) AS n, MAX(id) AS last FROM forecast_change`),
    decisions: await q(`SELECT COUNT(*) AS n FROM decision`),
    conditions: await q(
      `SELECT id, CAST(discharged_on AS TEXT) AS d, evidence FROM gate_condition WHERE programme_id = ${id} ORDER BY id`,
      [programmeId],
    ),
    audit: await q(`SELECT COUNT(*) AS n, MAX(id) AS last FROM audit_entry`),
    outbox: await q(`SELECT COUNT(*) AS n FROM outbox_message`),
  };
}
