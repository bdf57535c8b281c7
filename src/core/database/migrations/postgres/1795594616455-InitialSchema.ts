import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchemaPostgres1795594616455 implements MigrationInterface {
  name = 'InitialSchemaPostgres1795594616455';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"programme\" (\"id\" character varying(36) NOT NULL, \"name\" character varying(200) NOT NULL, \"workflow_id\" character varying(64) NOT NULL, \"workflow_version\" integer NOT NULL, \"xstate_version\" character varying(20) NOT NULL, \"snapshot\" jsonb NOT NULL, \"sro_name\" character varying(200) NOT NULL, \"sro_email\" character varying(254) NOT NULL, \"reminder_policy\" jsonb, \"revision\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_76ff6b30b74f213944d1ac0a660\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"audit_entry\" (\"id\" SERIAL NOT NULL, \"programme_id\" character varying(36), \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"actor\" character varying(300) NOT NULL, \"action\" character varying(64) NOT NULL, \"gate_id\" character varying(64), \"detail\" jsonb NOT NULL, CONSTRAINT \"PK_58a130a4b9da189f46ba2a01801\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_audit_programme\" ON \"audit_entry\"  (\"programme_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"decision\" (\"id\" SERIAL NOT NULL, \"programme_id\" character varying(36) NOT NULL, \"gate_id\" character varying(64) NOT NULL, \"party_id\" character varying(64) NOT NULL, \"decision\" character varying(32) NOT NULL, \"decided_on\" date NOT NULL, \"reference\" character varying(200), \"conditions\" text, \"recorded_by\" character varying(254) NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_fa4cbd6abf1215054f13c27df5a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_decision_gate\" ON \"decision\"  (\"programme_id\", \"gate_id\", \"party_id\") ");
    await queryRunner.query("CREATE TABLE \"forecast_change\" (\"id\" SERIAL NOT NULL, \"programme_id\" character varying(36) NOT NULL, \"gate_id\" character varying(64) NOT NULL, \"from_date\" date, \"to_date\" date, \"reason\" text NOT NULL, \"caused_by_gate_id\" character varying(64), \"actor\" character varying(254) NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_a3cb75012d2cf26ab873895fbf2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_forecast_change_gate\" ON \"forecast_change\"  (\"programme_id\", \"gate_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"gate\" (\"programme_id\" character varying(36) NOT NULL, \"gate_id\" character varying(64) NOT NULL, \"position\" integer NOT NULL, \"status\" character varying(16) NOT NULL, \"owner_name\" character varying(200), \"owner_email\" character varying(254), \"baseline_date\" date, \"forecast_date\" date, \"actual_date\" date, \"closes_on\" date, \"note\" text, CONSTRAINT \"PK_924cd4cd1ce535ca37dad1d6005\" PRIMARY KEY (\"programme_id\", \"gate_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_gate_status_forecast\" ON \"gate\"  (\"status\", \"forecast_date\") ");
    await queryRunner.query("CREATE TABLE \"party\" (\"programme_id\" character varying(36) NOT NULL, \"gate_id\" character varying(64) NOT NULL, \"party_id\" character varying(64) NOT NULL, \"name\" character varying(200) NOT NULL, \"position\" integer NOT NULL, CONSTRAINT \"PK_25719309dc7203cbea4170e55b6\" PRIMARY KEY (\"programme_id\", \"gate_id\", \"party_id\"))");
    await queryRunner.query("ALTER TABLE \"audit_entry\" ADD CONSTRAINT \"FK_ed87f2743b76989ba78e32c4a8a\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"decision\" ADD CONSTRAINT \"FK_3051cb8a8577d87bf4d6d838752\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"forecast_change\" ADD CONSTRAINT \"FK_fee6264067fd9dc815b34d34b8c\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"gate\" ADD CONSTRAINT \"FK_205428ada2c3806d08bafab05ab\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"party\" ADD CONSTRAINT \"FK_5dcc4dc0044c9a80f7de17f03cd\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"party\" DROP CONSTRAINT \"FK_5dcc4dc0044c9a80f7de17f03cd\"");
    await queryRunner.query("ALTER TABLE \"gate\" DROP CONSTRAINT \"FK_205428ada2c3806d08bafab05ab\"");
    await queryRunner.query("ALTER TABLE \"forecast_change\" DROP CONSTRAINT \"FK_fee6264067fd9dc815b34d34b8c\"");
    await queryRunner.query("ALTER TABLE \"decision\" DROP CONSTRAINT \"FK_3051cb8a8577d87bf4d6d838752\"");
    await queryRunner.query("ALTER TABLE \"audit_entry\" DROP CONSTRAINT \"FK_ed87f2743b76989ba78e32c4a8a\"");
    await queryRunner.query("DROP TABLE \"party\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_gate_status_forecast\"");
    await queryRunner.query("DROP TABLE \"gate\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_forecast_change_gate\"");
    await queryRunner.query("DROP TABLE \"forecast_change\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_decision_gate\"");
    await queryRunner.query("DROP TABLE \"decision\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_audit_programme\"");
    await queryRunner.query("DROP TABLE \"audit_entry\"");
    await queryRunner.query("DROP TABLE \"programme\"");
  }
}
