import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillAuditChains } from '../audit-chain-backfill';

export class AuditChainPostgres1796219145515 implements MigrationInterface {
  name = 'AuditChainPostgres1796219145515';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_chain\" (\"chain\" character varying(36) NOT NULL, \"seq\" integer NOT NULL, \"hash\" character varying(64) NOT NULL, CONSTRAINT \"PK_c84f1bc81b4cfbba99f4061c4c4\" PRIMARY KEY (\"chain\"))");
    await queryRunner.query("ALTER TABLE \"audit_entry\" ADD \"seq\" integer");
    await queryRunner.query("ALTER TABLE \"audit_entry\" ADD \"prev_hash\" character varying(64)");
    await queryRunner.query("ALTER TABLE \"audit_entry\" ADD \"hash\" character varying(64)");
    await backfillAuditChains(queryRunner, 'postgres');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"audit_entry\" DROP COLUMN \"hash\"");
    await queryRunner.query("ALTER TABLE \"audit_entry\" DROP COLUMN \"prev_hash\"");
    await queryRunner.query("ALTER TABLE \"audit_entry\" DROP COLUMN \"seq\"");
    await queryRunner.query("DROP TABLE \"audit_chain\"");
  }
}
