import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillAuditChains } from '../audit-chain-backfill';

export class AuditChainSqlite1796219145515 implements MigrationInterface {
  name = 'AuditChainSqlite1796219145515';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_chain\" (\"chain\" varchar(36) PRIMARY KEY NOT NULL, \"seq\" integer NOT NULL, \"hash\" varchar(64) NOT NULL)");
    await queryRunner.query("DROP INDEX \"ix_audit_programme\"");
    await queryRunner.query("CREATE TABLE \"temporary_audit_entry\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36), \"at\" datetime NOT NULL, \"actor\" varchar(300) NOT NULL, \"action\" varchar(64) NOT NULL, \"gate_id\" varchar(64), \"detail\" text NOT NULL, \"seq\" integer, \"prev_hash\" varchar(64), \"hash\" varchar(64), CONSTRAINT \"FK_ed87f2743b76989ba78e32c4a8a\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_audit_entry\"(\"id\", \"programme_id\", \"at\", \"actor\", \"action\", \"gate_id\", \"detail\") SELECT \"id\", \"programme_id\", \"at\", \"actor\", \"action\", \"gate_id\", \"detail\" FROM \"audit_entry\"");
    await queryRunner.query("DROP TABLE \"audit_entry\"");
    await queryRunner.query("ALTER TABLE \"temporary_audit_entry\" RENAME TO \"audit_entry\"");
    await queryRunner.query("CREATE INDEX \"ix_audit_programme\" ON \"audit_entry\" (\"programme_id\", \"id\") ");
    await backfillAuditChains(queryRunner, 'sqlite');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_audit_programme\"");
    await queryRunner.query("ALTER TABLE \"audit_entry\" RENAME TO \"temporary_audit_entry\"");
    await queryRunner.query("CREATE TABLE \"audit_entry\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36), \"at\" datetime NOT NULL, \"actor\" varchar(300) NOT NULL, \"action\" varchar(64) NOT NULL, \"gate_id\" varchar(64), \"detail\" text NOT NULL, CONSTRAINT \"FK_ed87f2743b76989ba78e32c4a8a\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"audit_entry\"(\"id\", \"programme_id\", \"at\", \"actor\", \"action\", \"gate_id\", \"detail\") SELECT \"id\", \"programme_id\", \"at\", \"actor\", \"action\", \"gate_id\", \"detail\" FROM \"temporary_audit_entry\"");
    await queryRunner.query("DROP TABLE \"temporary_audit_entry\"");
    await queryRunner.query("CREATE INDEX \"ix_audit_programme\" ON \"audit_entry\" (\"programme_id\", \"id\") ");
    await queryRunner.query("DROP TABLE \"audit_chain\"");
  }
}
