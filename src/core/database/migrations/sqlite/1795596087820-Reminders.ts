import { MigrationInterface, QueryRunner } from 'typeorm';

export class RemindersSqlite1795596087820 implements MigrationInterface {
  name = 'RemindersSqlite1795596087820';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"outbox_message\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"kind\" varchar(32) NOT NULL, \"due_date\" date NOT NULL, \"recipient\" varchar(254) NOT NULL, \"recipient_name\" varchar(200) NOT NULL, \"message_id\" varchar(255) NOT NULL, \"subject\" varchar(400) NOT NULL, \"body_text\" text NOT NULL, \"body_html\" text NOT NULL, \"status\" varchar(20) NOT NULL, \"attempts\" integer NOT NULL DEFAULT (0), \"next_attempt_at\" datetime NOT NULL, \"claimed_by\" varchar(64), \"claimed_until\" datetime, \"last_error\" text, \"server_response\" varchar(500), \"created_at\" datetime NOT NULL, \"sent_at\" datetime, CONSTRAINT \"uq_outbox_message_key\" UNIQUE (\"programme_id\", \"gate_id\", \"kind\", \"due_date\", \"recipient\"))");
    await queryRunner.query("CREATE INDEX \"ix_outbox_message_ready\" ON \"outbox_message\" (\"status\", \"next_attempt_at\") ");
    await queryRunner.query("CREATE TABLE \"reminder_sweep\" (\"id\" varchar(32) PRIMARY KEY NOT NULL, \"swept_until\" datetime, \"change_watermark\" integer NOT NULL DEFAULT (0), \"reach_before\" integer NOT NULL DEFAULT (0), \"reach_after\" integer NOT NULL DEFAULT (0))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"reminder_sweep\"");
    await queryRunner.query("DROP INDEX \"ix_outbox_message_ready\"");
    await queryRunner.query("DROP TABLE \"outbox_message\"");
  }
}
