import { MigrationInterface, QueryRunner } from 'typeorm';

export class BoardPackSqlite1796222441306 implements MigrationInterface {
  name = 'BoardPackSqlite1796222441306';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"mail_preference\" (\"email\" varchar(254) PRIMARY KEY NOT NULL, \"monthly_pack\" boolean NOT NULL DEFAULT (1), \"weekly_digest\" boolean NOT NULL DEFAULT (1), \"updated_by\" varchar(300) NOT NULL, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("DROP INDEX \"ix_outbox_message_ready\"");
    await queryRunner.query("CREATE TABLE \"temporary_outbox_message\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"kind\" varchar(32) NOT NULL, \"due_date\" date NOT NULL, \"recipient\" varchar(254) NOT NULL, \"recipient_name\" varchar(200) NOT NULL, \"message_id\" varchar(255) NOT NULL, \"subject\" varchar(400) NOT NULL, \"body_text\" text NOT NULL, \"body_html\" text NOT NULL, \"status\" varchar(20) NOT NULL, \"attempts\" integer NOT NULL DEFAULT (0), \"next_attempt_at\" datetime NOT NULL, \"claimed_by\" varchar(64), \"claimed_until\" datetime, \"last_error\" text, \"server_response\" varchar(500), \"created_at\" datetime NOT NULL, \"sent_at\" datetime, \"attachments\" text, CONSTRAINT \"uq_outbox_message_key\" UNIQUE (\"programme_id\", \"gate_id\", \"kind\", \"due_date\", \"recipient\"))");
    await queryRunner.query("INSERT INTO \"temporary_outbox_message\"(\"id\", \"programme_id\", \"gate_id\", \"kind\", \"due_date\", \"recipient\", \"recipient_name\", \"message_id\", \"subject\", \"body_text\", \"body_html\", \"status\", \"attempts\", \"next_attempt_at\", \"claimed_by\", \"claimed_until\", \"last_error\", \"server_response\", \"created_at\", \"sent_at\") SELECT \"id\", \"programme_id\", \"gate_id\", \"kind\", \"due_date\", \"recipient\", \"recipient_name\", \"message_id\", \"subject\", \"body_text\", \"body_html\", \"status\", \"attempts\", \"next_attempt_at\", \"claimed_by\", \"claimed_until\", \"last_error\", \"server_response\", \"created_at\", \"sent_at\" FROM \"outbox_message\"");
    await queryRunner.query("DROP TABLE \"outbox_message\"");
    await queryRunner.query("ALTER TABLE \"temporary_outbox_message\" RENAME TO \"outbox_message\"");
    await queryRunner.query("CREATE INDEX \"ix_outbox_message_ready\" ON \"outbox_message\" (\"status\", \"next_attempt_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_outbox_message_ready\"");
    await queryRunner.query("ALTER TABLE \"outbox_message\" RENAME TO \"temporary_outbox_message\"");
    await queryRunner.query("CREATE TABLE \"outbox_message\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"kind\" varchar(32) NOT NULL, \"due_date\" date NOT NULL, \"recipient\" varchar(254) NOT NULL, \"recipient_name\" varchar(200) NOT NULL, \"message_id\" varchar(255) NOT NULL, \"subject\" varchar(400) NOT NULL, \"body_text\" text NOT NULL, \"body_html\" text NOT NULL, \"status\" varchar(20) NOT NULL, \"attempts\" integer NOT NULL DEFAULT (0), \"next_attempt_at\" datetime NOT NULL, \"claimed_by\" varchar(64), \"claimed_until\" datetime, \"last_error\" text, \"server_response\" varchar(500), \"created_at\" datetime NOT NULL, \"sent_at\" datetime, CONSTRAINT \"uq_outbox_message_key\" UNIQUE (\"programme_id\", \"gate_id\", \"kind\", \"due_date\", \"recipient\"))");
    await queryRunner.query("INSERT INTO \"outbox_message\"(\"id\", \"programme_id\", \"gate_id\", \"kind\", \"due_date\", \"recipient\", \"recipient_name\", \"message_id\", \"subject\", \"body_text\", \"body_html\", \"status\", \"attempts\", \"next_attempt_at\", \"claimed_by\", \"claimed_until\", \"last_error\", \"server_response\", \"created_at\", \"sent_at\") SELECT \"id\", \"programme_id\", \"gate_id\", \"kind\", \"due_date\", \"recipient\", \"recipient_name\", \"message_id\", \"subject\", \"body_text\", \"body_html\", \"status\", \"attempts\", \"next_attempt_at\", \"claimed_by\", \"claimed_until\", \"last_error\", \"server_response\", \"created_at\", \"sent_at\" FROM \"temporary_outbox_message\"");
    await queryRunner.query("DROP TABLE \"temporary_outbox_message\"");
    await queryRunner.query("CREATE INDEX \"ix_outbox_message_ready\" ON \"outbox_message\" (\"status\", \"next_attempt_at\") ");
    await queryRunner.query("DROP TABLE \"mail_preference\"");
  }
}
