import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795594616455Sqlite implements MigrationInterface {
  name = 'InitialSchema1795594616455Sqlite';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"programme\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"name\" varchar(200) NOT NULL, \"workflow_id\" varchar(64) NOT NULL, \"workflow_version\" integer NOT NULL, \"xstate_version\" varchar(20) NOT NULL, \"snapshot\" text NOT NULL, \"sro_name\" varchar(200) NOT NULL, \"sro_email\" varchar(254) NOT NULL, \"reminder_policy\" text, \"revision\" integer NOT NULL DEFAULT (1), \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE TABLE \"audit_entry\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36), \"at\" datetime NOT NULL, \"actor\" varchar(300) NOT NULL, \"action\" varchar(64) NOT NULL, \"gate_id\" varchar(64), \"detail\" text NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_audit_programme\" ON \"audit_entry\" (\"programme_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"decision\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"decision\" varchar(32) NOT NULL, \"decided_on\" date NOT NULL, \"reference\" varchar(200), \"conditions\" text, \"recorded_by\" varchar(254) NOT NULL, \"recorded_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_decision_gate\" ON \"decision\" (\"programme_id\", \"gate_id\", \"party_id\") ");
    await queryRunner.query("CREATE TABLE \"forecast_change\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"from_date\" date, \"to_date\" date, \"reason\" text NOT NULL, \"caused_by_gate_id\" varchar(64), \"actor\" varchar(254) NOT NULL, \"at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_forecast_change_gate\" ON \"forecast_change\" (\"programme_id\", \"gate_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"gate\" (\"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"position\" integer NOT NULL, \"status\" varchar(16) NOT NULL, \"owner_name\" varchar(200), \"owner_email\" varchar(254), \"baseline_date\" date, \"forecast_date\" date, \"actual_date\" date, \"closes_on\" date, \"note\" text, PRIMARY KEY (\"programme_id\", \"gate_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_gate_status_forecast\" ON \"gate\" (\"status\", \"forecast_date\") ");
    await queryRunner.query("CREATE TABLE \"party\" (\"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"name\" varchar(200) NOT NULL, \"position\" integer NOT NULL, PRIMARY KEY (\"programme_id\", \"gate_id\", \"party_id\"))");
    await queryRunner.query("DROP INDEX \"ix_audit_programme\"");
    await queryRunner.query("CREATE TABLE \"temporary_audit_entry\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36), \"at\" datetime NOT NULL, \"actor\" varchar(300) NOT NULL, \"action\" varchar(64) NOT NULL, \"gate_id\" varchar(64), \"detail\" text NOT NULL, CONSTRAINT \"FK_ed87f2743b76989ba78e32c4a8a\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_audit_entry\"(\"id\", \"programme_id\", \"at\", \"actor\", \"action\", \"gate_id\", \"detail\") SELECT \"id\", \"programme_id\", \"at\", \"actor\", \"action\", \"gate_id\", \"detail\" FROM \"audit_entry\"");
    await queryRunner.query("DROP TABLE \"audit_entry\"");
    await queryRunner.query("ALTER TABLE \"temporary_audit_entry\" RENAME TO \"audit_entry\"");
    await queryRunner.query("CREATE INDEX \"ix_audit_programme\" ON \"audit_entry\" (\"programme_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"ix_decision_gate\"");
    await queryRunner.query("CREATE TABLE \"temporary_decision\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"decision\" varchar(32) NOT NULL, \"decided_on\" date NOT NULL, \"reference\" varchar(200), \"conditions\" text, \"recorded_by\" varchar(254) NOT NULL, \"recorded_at\" datetime NOT NULL, CONSTRAINT \"FK_3051cb8a8577d87bf4d6d838752\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_decision\"(\"id\", \"programme_id\", \"gate_id\", \"party_id\", \"decision\", \"decided_on\", \"reference\", \"conditions\", \"recorded_by\", \"recorded_at\") SELECT \"id\", \"programme_id\", \"gate_id\", \"party_id\", \"decision\", \"decided_on\", \"reference\", \"conditions\", \"recorded_by\", \"recorded_at\" FROM \"decision\"");
    await queryRunner.query("DROP TABLE \"decision\"");
    await queryRunner.query("ALTER TABLE \"temporary_decision\" RENAME TO \"decision\"");
    await queryRunner.query("CREATE INDEX \"ix_decision_gate\" ON \"decision\" (\"programme_id\", \"gate_id\", \"party_id\") ");
    await queryRunner.query("DROP INDEX \"ix_forecast_change_gate\"");
    await queryRunner.query("CREATE TABLE \"temporary_forecast_change\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"from_date\" date, \"to_date\" date, \"reason\" text NOT NULL, \"caused_by_gate_id\" varchar(64), \"actor\" varchar(254) NOT NULL, \"at\" datetime NOT NULL, CONSTRAINT \"FK_fee6264067fd9dc815b34d34b8c\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_forecast_change\"(\"id\", \"programme_id\", \"gate_id\", \"from_date\", \"to_date\", \"reason\", \"caused_by_gate_id\", \"actor\", \"at\") SELECT \"id\", \"programme_id\", \"gate_id\", \"from_date\", \"to_date\", \"reason\", \"caused_by_gate_id\", \"actor\", \"at\" FROM \"forecast_change\"");
    await queryRunner.query("DROP TABLE \"forecast_change\"");
    await queryRunner.query("ALTER TABLE \"temporary_forecast_change\" RENAME TO \"forecast_change\"");
    await queryRunner.query("CREATE INDEX \"ix_forecast_change_gate\" ON \"forecast_change\" (\"programme_id\", \"gate_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"ix_gate_status_forecast\"");
    await queryRunner.query("CREATE TABLE \"temporary_gate\" (\"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"position\" integer NOT NULL, \"status\" varchar(16) NOT NULL, \"owner_name\" varchar(200), \"owner_email\" varchar(254), \"baseline_date\" date, \"forecast_date\" date, \"actual_date\" date, \"closes_on\" date, \"note\" text, CONSTRAINT \"FK_205428ada2c3806d08bafab05ab\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"programme_id\", \"gate_id\"))");
    await queryRunner.query("INSERT INTO \"temporary_gate\"(\"programme_id\", \"gate_id\", \"position\", \"status\", \"owner_name\", \"owner_email\", \"baseline_date\", \"forecast_date\", \"actual_date\", \"closes_on\", \"note\") SELECT \"programme_id\", \"gate_id\", \"position\", \"status\", \"owner_name\", \"owner_email\", \"baseline_date\", \"forecast_date\", \"actual_date\", \"closes_on\", \"note\" FROM \"gate\"");
    await queryRunner.query("DROP TABLE \"gate\"");
    await queryRunner.query("ALTER TABLE \"temporary_gate\" RENAME TO \"gate\"");
    await queryRunner.query("CREATE INDEX \"ix_gate_status_forecast\" ON \"gate\" (\"status\", \"forecast_date\") ");
    await queryRunner.query("CREATE TABLE \"temporary_party\" (\"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"name\" varchar(200) NOT NULL, \"position\" integer NOT NULL, CONSTRAINT \"FK_5dcc4dc0044c9a80f7de17f03cd\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"programme_id\", \"gate_id\", \"party_id\"))");
    await queryRunner.query("INSERT INTO \"temporary_party\"(\"programme_id\", \"gate_id\", \"party_id\", \"name\", \"position\") SELECT \"programme_id\", \"gate_id\", \"party_id\", \"name\", \"position\" FROM \"party\"");
    await queryRunner.query("DROP TABLE \"party\"");
    await queryRunner.query("ALTER TABLE \"temporary_party\" RENAME TO \"party\"");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"party\" RENAME TO \"temporary_party\"");
    await queryRunner.query("CREATE TABLE \"party\" (\"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"name\" varchar(200) NOT NULL, \"position\" integer NOT NULL, PRIMARY KEY (\"programme_id\", \"gate_id\", \"party_id\"))");
    await queryRunner.query("INSERT INTO \"party\"(\"programme_id\", \"gate_id\", \"party_id\", \"name\", \"position\") SELECT \"programme_id\", \"gate_id\", \"party_id\", \"name\", \"position\" FROM \"temporary_party\"");
    await queryRunner.query("DROP TABLE \"temporary_party\"");
    await queryRunner.query("DROP INDEX \"ix_gate_status_forecast\"");
    await queryRunner.query("ALTER TABLE \"gate\" RENAME TO \"temporary_gate\"");
    await queryRunner.query("CREATE TABLE \"gate\" (\"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"position\" integer NOT NULL, \"status\" varchar(16) NOT NULL, \"owner_name\" varchar(200), \"owner_email\" varchar(254), \"baseline_date\" date, \"forecast_date\" date, \"actual_date\" date, \"closes_on\" date, \"note\" text, PRIMARY KEY (\"programme_id\", \"gate_id\"))");
    await queryRunner.query("INSERT INTO \"gate\"(\"programme_id\", \"gate_id\", \"position\", \"status\", \"owner_name\", \"owner_email\", \"baseline_date\", \"forecast_date\", \"actual_date\", \"closes_on\", \"note\") SELECT \"programme_id\", \"gate_id\", \"position\", \"status\", \"owner_name\", \"owner_email\", \"baseline_date\", \"forecast_date\", \"actual_date\", \"closes_on\", \"note\" FROM \"temporary_gate\"");
    await queryRunner.query("DROP TABLE \"temporary_gate\"");
    await queryRunner.query("CREATE INDEX \"ix_gate_status_forecast\" ON \"gate\" (\"status\", \"forecast_date\") ");
    await queryRunner.query("DROP INDEX \"ix_forecast_change_gate\"");
    await queryRunner.query("ALTER TABLE \"forecast_change\" RENAME TO \"temporary_forecast_change\"");
    await queryRunner.query("CREATE TABLE \"forecast_change\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"from_date\" date, \"to_date\" date, \"reason\" text NOT NULL, \"caused_by_gate_id\" varchar(64), \"actor\" varchar(254) NOT NULL, \"at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"forecast_change\"(\"id\", \"programme_id\", \"gate_id\", \"from_date\", \"to_date\", \"reason\", \"caused_by_gate_id\", \"actor\", \"at\") SELECT \"id\", \"programme_id\", \"gate_id\", \"from_date\", \"to_date\", \"reason\", \"caused_by_gate_id\", \"actor\", \"at\" FROM \"temporary_forecast_change\"");
    await queryRunner.query("DROP TABLE \"temporary_forecast_change\"");
    await queryRunner.query("CREATE INDEX \"ix_forecast_change_gate\" ON \"forecast_change\" (\"programme_id\", \"gate_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"ix_decision_gate\"");
    await queryRunner.query("ALTER TABLE \"decision\" RENAME TO \"temporary_decision\"");
    await queryRunner.query("CREATE TABLE \"decision\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"decision\" varchar(32) NOT NULL, \"decided_on\" date NOT NULL, \"reference\" varchar(200), \"conditions\" text, \"recorded_by\" varchar(254) NOT NULL, \"recorded_at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"decision\"(\"id\", \"programme_id\", \"gate_id\", \"party_id\", \"decision\", \"decided_on\", \"reference\", \"conditions\", \"recorded_by\", \"recorded_at\") SELECT \"id\", \"programme_id\", \"gate_id\", \"party_id\", \"decision\", \"decided_on\", \"reference\", \"conditions\", \"recorded_by\", \"recorded_at\" FROM \"temporary_decision\"");
    await queryRunner.query("DROP TABLE \"temporary_decision\"");
    await queryRunner.query("CREATE INDEX \"ix_decision_gate\" ON \"decision\" (\"programme_id\", \"gate_id\", \"party_id\") ");
    await queryRunner.query("DROP INDEX \"ix_audit_programme\"");
    await queryRunner.query("ALTER TABLE \"audit_entry\" RENAME TO \"temporary_audit_entry\"");
    await queryRunner.query("CREATE TABLE \"audit_entry\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36), \"at\" datetime NOT NULL, \"actor\" varchar(300) NOT NULL, \"action\" varchar(64) NOT NULL, \"gate_id\" varchar(64), \"detail\" text NOT NULL)");
    await queryRunner.query("INSERT INTO \"audit_entry\"(\"id\", \"programme_id\", \"at\", \"actor\", \"action\", \"gate_id\", \"detail\") SELECT \"id\", \"programme_id\", \"at\", \"actor\", \"action\", \"gate_id\", \"detail\" FROM \"temporary_audit_entry\"");
    await queryRunner.query("DROP TABLE \"temporary_audit_entry\"");
    await queryRunner.query("CREATE INDEX \"ix_audit_programme\" ON \"audit_entry\" (\"programme_id\", \"id\") ");
    await queryRunner.query("DROP TABLE \"party\"");
    await queryRunner.query("DROP INDEX \"ix_gate_status_forecast\"");
    await queryRunner.query("DROP TABLE \"gate\"");
    await queryRunner.query("DROP INDEX \"ix_forecast_change_gate\"");
    await queryRunner.query("DROP TABLE \"forecast_change\"");
    await queryRunner.query("DROP INDEX \"ix_decision_gate\"");
    await queryRunner.query("DROP TABLE \"decision\"");
    await queryRunner.query("DROP INDEX \"ix_audit_programme\"");
    await queryRunner.query("DROP TABLE \"audit_entry\"");
    await queryRunner.query("DROP TABLE \"programme\"");
  }
}
