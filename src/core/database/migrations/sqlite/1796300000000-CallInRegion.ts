import { MigrationInterface, QueryRunner } from 'typeorm';
import { upgradeCallInSnapshots } from '../data/call-in-region';

/** Data only: v3 snapshots gain the call-in region (decision 025). */
export class CallInRegionSqlite1796300000000 implements MigrationInterface {
  name = 'CallInRegionSqlite1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await upgradeCallInSnapshots(queryRunner, false);
  }

  async down(): Promise<void> {
    // The engine reads a snapshot with the region as well as without; nothing to undo.
  }
}
