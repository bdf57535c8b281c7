import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../core/database/columns';

/**
 * How far the sweep has got, so that each sweep looks only at what can have become due since
 * the last one (its cost follows what is due, not how many gates exist). One row.
 */
@Entity('reminder_sweep')
export class ReminderSweepEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  /** The latest "now" of a sweep that ran inside the send window. */
  @InstantColumn({ name: 'swept_until', nullable: true })
  sweptUntil: Date | null;

  /** Forecast changes up to this id have been looked at (new programmes, slips, re-forecasts). */
  @Column({ name: 'change_watermark', type: 'integer', default: 0 })
  changeWatermark: number;

  /** The widest reach of any programme's own policy, in working days before and after a date. */
  @Column({ name: 'reach_before', type: 'integer', default: 0 })
  reachBefore: number;

  @Column({ name: 'reach_after', type: 'integer', default: 0 })
  reachAfter: number;
}

/** The one row of `reminder_sweep`. */
export const SWEEP_STATE_ID = 'reminders';

/** The state before any sweep: no progress, no programme policy beyond the configured ones. */
export function emptySweepState(): ReminderSweepEntity {
  return Object.assign(new ReminderSweepEntity(), {
    id: SWEEP_STATE_ID,
    sweptUntil: null,
    changeWatermark: 0,
    reachBefore: 0,
    reachAfter: 0,
  });
}
