import { MigrationInterface, QueryRunner } from 'typeorm';

export class RulesOfTodayPostgres1796218666283 implements MigrationInterface {
  name = 'RulesOfTodayPostgres1796218666283';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"election\" (\"id\" character varying(36) NOT NULL, \"name\" character varying(200) NOT NULL, \"poll_date\" date NOT NULL, \"period_start\" date NOT NULL, \"period_end\" date NOT NULL, \"scope\" character varying(16) NOT NULL, \"areas\" jsonb, \"created_by\" character varying(254) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_17467b9ade12257d01912737bdb\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_election_period\" ON \"election\"  (\"period_start\", \"period_end\") ");
    await queryRunner.query("CREATE TABLE \"council_no_polls\" (\"council_id\" character varying(64) NOT NULL, \"year\" integer NOT NULL, \"recorded_by\" character varying(254) NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_6c14ed198070d5bc2099e6c8055\" PRIMARY KEY (\"council_id\", \"year\"))");
    await queryRunner.query("CREATE TABLE \"gate_condition\" (\"id\" SERIAL NOT NULL, \"programme_id\" character varying(36) NOT NULL, \"gate_id\" character varying(64) NOT NULL, \"party_id\" character varying(64) NOT NULL, \"text\" text NOT NULL, \"owner_name\" character varying(200), \"owner_email\" character varying(254), \"due_date\" date, \"discharged_on\" date, \"evidence\" text, \"created_by\" character varying(254) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_4185391f9896a81897152a4a115\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_gate_condition_programme\" ON \"gate_condition\"  (\"programme_id\", \"gate_id\") ");
    await queryRunner.query("CREATE TABLE \"call_in\" (\"id\" SERIAL NOT NULL, \"programme_id\" character varying(36) NOT NULL, \"requested_by\" character varying(200) NOT NULL, \"requested_on\" date NOT NULL, \"grounds\" text NOT NULL, \"outcome\" character varying(20), \"outcome_on\" date, \"decision\" text, \"decided_on\" date, \"recorded_by\" character varying(254) NOT NULL, CONSTRAINT \"PK_a6159957af0198b238bde14e115\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_call_in_programme\" ON \"call_in\"  (\"programme_id\") ");
    await queryRunner.query("CREATE TABLE \"committee_notification\" (\"id\" SERIAL NOT NULL, \"programme_id\" character varying(36) NOT NULL, \"committee\" character varying(200) NOT NULL, \"change\" text NOT NULL, \"owed_since\" date NOT NULL, \"sent_on\" date, CONSTRAINT \"PK_7649ba8ac5d5bc6f6863443e7fd\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_committee_notification_programme\" ON \"committee_notification\"  (\"programme_id\") ");
    await queryRunner.query("ALTER TABLE \"programme\" ADD \"councils\" jsonb");
    await queryRunner.query("ALTER TABLE \"programme\" ADD \"substantial_variation\" boolean");
    await queryRunner.query("ALTER TABLE \"programme\" ADD \"scrutiny\" jsonb");
    await queryRunner.query("ALTER TABLE \"gate_condition\" ADD CONSTRAINT \"FK_ff186405f654bd5926a01653b6c\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"call_in\" ADD CONSTRAINT \"FK_fee05ca2fe473310da75ebeba04\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"committee_notification\" ADD CONSTRAINT \"FK_5a89628f70d2af9385ad96d38dd\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"committee_notification\" DROP CONSTRAINT \"FK_5a89628f70d2af9385ad96d38dd\"");
    await queryRunner.query("ALTER TABLE \"call_in\" DROP CONSTRAINT \"FK_fee05ca2fe473310da75ebeba04\"");
    await queryRunner.query("ALTER TABLE \"gate_condition\" DROP CONSTRAINT \"FK_ff186405f654bd5926a01653b6c\"");
    await queryRunner.query("ALTER TABLE \"programme\" DROP COLUMN \"scrutiny\"");
    await queryRunner.query("ALTER TABLE \"programme\" DROP COLUMN \"substantial_variation\"");
    await queryRunner.query("ALTER TABLE \"programme\" DROP COLUMN \"councils\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_committee_notification_programme\"");
    await queryRunner.query("DROP TABLE \"committee_notification\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_call_in_programme\"");
    await queryRunner.query("DROP TABLE \"call_in\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_gate_condition_programme\"");
    await queryRunner.query("DROP TABLE \"gate_condition\"");
    await queryRunner.query("DROP TABLE \"council_no_polls\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_election_period\"");
    await queryRunner.query("DROP TABLE \"election\"");
  }
}
