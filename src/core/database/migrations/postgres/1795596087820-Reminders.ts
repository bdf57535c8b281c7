import { MigrationInterface, QueryRunner } from 'typeorm';

export class RemindersPostgres1795596087820 implements MigrationInterface {
  name = 'RemindersPostgres1795596087820';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"outbox_message\" (\"id\" SERIAL NOT NULL, \"programme_id\" character varying(36) NOT NULL, \"gate_id\" character varying(64) NOT NULL, \"kind\" character varying(32) NOT NULL, \"due_date\" date NOT NULL, \"recipient\" character varying(254) NOT NULL, \"recipient_name\" character varying(200) NOT NULL, \"message_id\" character varying(255) NOT NULL, \"subject\" character varying(400) NOT NULL, \"body_text\" text NOT NULL, \"body_html\" text NOT NULL, \"status\" character varying(20) NOT NULL, \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"claimed_by\" character varying(64), \"claimed_until\" TIMESTAMP WITH TIME ZONE, \"last_error\" text, \"server_response\" character varying(500), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"sent_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"uq_outbox_message_key\" UNIQUE (\"programme_id\", \"gate_id\", \"kind\", \"due_date\", \"recipient\"), CONSTRAINT \"PK_2f36ee5236f2793f3e7bd554589\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_outbox_message_ready\" ON \"outbox_message\"  (\"status\", \"next_attempt_at\") ");
    await queryRunner.query("CREATE TABLE \"reminder_sweep\" (\"id\" character varying(32) NOT NULL, \"swept_until\" TIMESTAMP WITH TIME ZONE, \"change_watermark\" integer NOT NULL DEFAULT '0', \"reach_before\" integer NOT NULL DEFAULT '0', \"reach_after\" integer NOT NULL DEFAULT '0', CONSTRAINT \"PK_31dbb729bb9c9782366afa2648b\" PRIMARY KEY (\"id\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"reminder_sweep\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_outbox_message_ready\"");
    await queryRunner.query("DROP TABLE \"outbox_message\"");
  }
}
