import { MigrationInterface, QueryRunner } from 'typeorm';

export class RulesOfTodaySqlite1796218666283 implements MigrationInterface {
  name = 'RulesOfTodaySqlite1796218666283';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"election\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"name\" varchar(200) NOT NULL, \"poll_date\" date NOT NULL, \"period_start\" date NOT NULL, \"period_end\" date NOT NULL, \"scope\" varchar(16) NOT NULL, \"areas\" text, \"created_by\" varchar(254) NOT NULL, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_election_period\" ON \"election\" (\"period_start\", \"period_end\") ");
    await queryRunner.query("CREATE TABLE \"council_no_polls\" (\"council_id\" varchar(64) NOT NULL, \"year\" integer NOT NULL, \"recorded_by\" varchar(254) NOT NULL, \"recorded_at\" datetime NOT NULL, PRIMARY KEY (\"council_id\", \"year\"))");
    await queryRunner.query("CREATE TABLE \"gate_condition\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"text\" text NOT NULL, \"owner_name\" varchar(200), \"owner_email\" varchar(254), \"due_date\" date, \"discharged_on\" date, \"evidence\" text, \"created_by\" varchar(254) NOT NULL, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_gate_condition_programme\" ON \"gate_condition\" (\"programme_id\", \"gate_id\") ");
    await queryRunner.query("CREATE TABLE \"call_in\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"requested_by\" varchar(200) NOT NULL, \"requested_on\" date NOT NULL, \"grounds\" text NOT NULL, \"outcome\" varchar(20), \"outcome_on\" date, \"decision\" text, \"decided_on\" date, \"recorded_by\" varchar(254) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_call_in_programme\" ON \"call_in\" (\"programme_id\") ");
    await queryRunner.query("CREATE TABLE \"committee_notification\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"committee\" varchar(200) NOT NULL, \"change\" text NOT NULL, \"owed_since\" date NOT NULL, \"sent_on\" date)");
    await queryRunner.query("CREATE INDEX \"ix_committee_notification_programme\" ON \"committee_notification\" (\"programme_id\") ");
    await queryRunner.query("CREATE TABLE \"temporary_programme\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"name\" varchar(200) NOT NULL, \"workflow_id\" varchar(64) NOT NULL, \"workflow_version\" integer NOT NULL, \"xstate_version\" varchar(20) NOT NULL, \"snapshot\" text NOT NULL, \"sro_name\" varchar(200) NOT NULL, \"sro_email\" varchar(254) NOT NULL, \"reminder_policy\" text, \"revision\" integer NOT NULL DEFAULT (1), \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL, \"councils\" text, \"substantial_variation\" boolean, \"scrutiny\" text)");
    await queryRunner.query("INSERT INTO \"temporary_programme\"(\"id\", \"name\", \"workflow_id\", \"workflow_version\", \"xstate_version\", \"snapshot\", \"sro_name\", \"sro_email\", \"reminder_policy\", \"revision\", \"created_at\", \"updated_at\") SELECT \"id\", \"name\", \"workflow_id\", \"workflow_version\", \"xstate_version\", \"snapshot\", \"sro_name\", \"sro_email\", \"reminder_policy\", \"revision\", \"created_at\", \"updated_at\" FROM \"programme\"");
    await queryRunner.query("DROP TABLE \"programme\"");
    await queryRunner.query("ALTER TABLE \"temporary_programme\" RENAME TO \"programme\"");
    await queryRunner.query("DROP INDEX \"ix_gate_condition_programme\"");
    await queryRunner.query("CREATE TABLE \"temporary_gate_condition\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"text\" text NOT NULL, \"owner_name\" varchar(200), \"owner_email\" varchar(254), \"due_date\" date, \"discharged_on\" date, \"evidence\" text, \"created_by\" varchar(254) NOT NULL, \"created_at\" datetime NOT NULL, CONSTRAINT \"FK_ff186405f654bd5926a01653b6c\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_gate_condition\"(\"id\", \"programme_id\", \"gate_id\", \"party_id\", \"text\", \"owner_name\", \"owner_email\", \"due_date\", \"discharged_on\", \"evidence\", \"created_by\", \"created_at\") SELECT \"id\", \"programme_id\", \"gate_id\", \"party_id\", \"text\", \"owner_name\", \"owner_email\", \"due_date\", \"discharged_on\", \"evidence\", \"created_by\", \"created_at\" FROM \"gate_condition\"");
    await queryRunner.query("DROP TABLE \"gate_condition\"");
    await queryRunner.query("ALTER TABLE \"temporary_gate_condition\" RENAME TO \"gate_condition\"");
    await queryRunner.query("CREATE INDEX \"ix_gate_condition_programme\" ON \"gate_condition\" (\"programme_id\", \"gate_id\") ");
    await queryRunner.query("DROP INDEX \"ix_call_in_programme\"");
    await queryRunner.query("CREATE TABLE \"temporary_call_in\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"requested_by\" varchar(200) NOT NULL, \"requested_on\" date NOT NULL, \"grounds\" text NOT NULL, \"outcome\" varchar(20), \"outcome_on\" date, \"decision\" text, \"decided_on\" date, \"recorded_by\" varchar(254) NOT NULL, CONSTRAINT \"FK_fee05ca2fe473310da75ebeba04\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_call_in\"(\"id\", \"programme_id\", \"requested_by\", \"requested_on\", \"grounds\", \"outcome\", \"outcome_on\", \"decision\", \"decided_on\", \"recorded_by\") SELECT \"id\", \"programme_id\", \"requested_by\", \"requested_on\", \"grounds\", \"outcome\", \"outcome_on\", \"decision\", \"decided_on\", \"recorded_by\" FROM \"call_in\"");
    await queryRunner.query("DROP TABLE \"call_in\"");
    await queryRunner.query("ALTER TABLE \"temporary_call_in\" RENAME TO \"call_in\"");
    await queryRunner.query("CREATE INDEX \"ix_call_in_programme\" ON \"call_in\" (\"programme_id\") ");
    await queryRunner.query("DROP INDEX \"ix_committee_notification_programme\"");
    await queryRunner.query("CREATE TABLE \"temporary_committee_notification\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"committee\" varchar(200) NOT NULL, \"change\" text NOT NULL, \"owed_since\" date NOT NULL, \"sent_on\" date, CONSTRAINT \"FK_5a89628f70d2af9385ad96d38dd\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_committee_notification\"(\"id\", \"programme_id\", \"committee\", \"change\", \"owed_since\", \"sent_on\") SELECT \"id\", \"programme_id\", \"committee\", \"change\", \"owed_since\", \"sent_on\" FROM \"committee_notification\"");
    await queryRunner.query("DROP TABLE \"committee_notification\"");
    await queryRunner.query("ALTER TABLE \"temporary_committee_notification\" RENAME TO \"committee_notification\"");
    await queryRunner.query("CREATE INDEX \"ix_committee_notification_programme\" ON \"committee_notification\" (\"programme_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_committee_notification_programme\"");
    await queryRunner.query("ALTER TABLE \"committee_notification\" RENAME TO \"temporary_committee_notification\"");
    await queryRunner.query("CREATE TABLE \"committee_notification\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"committee\" varchar(200) NOT NULL, \"change\" text NOT NULL, \"owed_since\" date NOT NULL, \"sent_on\" date)");
    await queryRunner.query("INSERT INTO \"committee_notification\"(\"id\", \"programme_id\", \"committee\", \"change\", \"owed_since\", \"sent_on\") SELECT \"id\", \"programme_id\", \"committee\", \"change\", \"owed_since\", \"sent_on\" FROM \"temporary_committee_notification\"");
    await queryRunner.query("DROP TABLE \"temporary_committee_notification\"");
    await queryRunner.query("CREATE INDEX \"ix_committee_notification_programme\" ON \"committee_notification\" (\"programme_id\") ");
    await queryRunner.query("DROP INDEX \"ix_call_in_programme\"");
    await queryRunner.query("ALTER TABLE \"call_in\" RENAME TO \"temporary_call_in\"");
    await queryRunner.query("CREATE TABLE \"call_in\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"requested_by\" varchar(200) NOT NULL, \"requested_on\" date NOT NULL, \"grounds\" text NOT NULL, \"outcome\" varchar(20), \"outcome_on\" date, \"decision\" text, \"decided_on\" date, \"recorded_by\" varchar(254) NOT NULL)");
    await queryRunner.query("INSERT INTO \"call_in\"(\"id\", \"programme_id\", \"requested_by\", \"requested_on\", \"grounds\", \"outcome\", \"outcome_on\", \"decision\", \"decided_on\", \"recorded_by\") SELECT \"id\", \"programme_id\", \"requested_by\", \"requested_on\", \"grounds\", \"outcome\", \"outcome_on\", \"decision\", \"decided_on\", \"recorded_by\" FROM \"temporary_call_in\"");
    await queryRunner.query("DROP TABLE \"temporary_call_in\"");
    await queryRunner.query("CREATE INDEX \"ix_call_in_programme\" ON \"call_in\" (\"programme_id\") ");
    await queryRunner.query("DROP INDEX \"ix_gate_condition_programme\"");
    await queryRunner.query("ALTER TABLE \"gate_condition\" RENAME TO \"temporary_gate_condition\"");
    await queryRunner.query("CREATE TABLE \"gate_condition\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"text\" text NOT NULL, \"owner_name\" varchar(200), \"owner_email\" varchar(254), \"due_date\" date, \"discharged_on\" date, \"evidence\" text, \"created_by\" varchar(254) NOT NULL, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"gate_condition\"(\"id\", \"programme_id\", \"gate_id\", \"party_id\", \"text\", \"owner_name\", \"owner_email\", \"due_date\", \"discharged_on\", \"evidence\", \"created_by\", \"created_at\") SELECT \"id\", \"programme_id\", \"gate_id\", \"party_id\", \"text\", \"owner_name\", \"owner_email\", \"due_date\", \"discharged_on\", \"evidence\", \"created_by\", \"created_at\" FROM \"temporary_gate_condition\"");
    await queryRunner.query("DROP TABLE \"temporary_gate_condition\"");
    await queryRunner.query("CREATE INDEX \"ix_gate_condition_programme\" ON \"gate_condition\" (\"programme_id\", \"gate_id\") ");
    await queryRunner.query("ALTER TABLE \"programme\" RENAME TO \"temporary_programme\"");
    await queryRunner.query("CREATE TABLE \"programme\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"name\" varchar(200) NOT NULL, \"workflow_id\" varchar(64) NOT NULL, \"workflow_version\" integer NOT NULL, \"xstate_version\" varchar(20) NOT NULL, \"snapshot\" text NOT NULL, \"sro_name\" varchar(200) NOT NULL, \"sro_email\" varchar(254) NOT NULL, \"reminder_policy\" text, \"revision\" integer NOT NULL DEFAULT (1), \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"programme\"(\"id\", \"name\", \"workflow_id\", \"workflow_version\", \"xstate_version\", \"snapshot\", \"sro_name\", \"sro_email\", \"reminder_policy\", \"revision\", \"created_at\", \"updated_at\") SELECT \"id\", \"name\", \"workflow_id\", \"workflow_version\", \"xstate_version\", \"snapshot\", \"sro_name\", \"sro_email\", \"reminder_policy\", \"revision\", \"created_at\", \"updated_at\" FROM \"temporary_programme\"");
    await queryRunner.query("DROP TABLE \"temporary_programme\"");
    await queryRunner.query("DROP INDEX \"ix_committee_notification_programme\"");
    await queryRunner.query("DROP TABLE \"committee_notification\"");
    await queryRunner.query("DROP INDEX \"ix_call_in_programme\"");
    await queryRunner.query("DROP TABLE \"call_in\"");
    await queryRunner.query("DROP INDEX \"ix_gate_condition_programme\"");
    await queryRunner.query("DROP TABLE \"gate_condition\"");
    await queryRunner.query("DROP TABLE \"council_no_polls\"");
    await queryRunner.query("DROP INDEX \"ix_election_period\"");
    await queryRunner.query("DROP TABLE \"election\"");
  }
}
