import { MigrationInterface, QueryRunner } from 'typeorm';

export class BoardPackPostgres1796222441306 implements MigrationInterface {
  name = 'BoardPackPostgres1796222441306';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"mail_preference\" (\"email\" character varying(254) NOT NULL, \"monthly_pack\" boolean NOT NULL DEFAULT true, \"weekly_digest\" boolean NOT NULL DEFAULT true, \"updated_by\" character varying(300) NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_f295adc9824c56f5ef589ce4228\" PRIMARY KEY (\"email\"))");
    await queryRunner.query("ALTER TABLE \"outbox_message\" ADD \"attachments\" jsonb");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"outbox_message\" DROP COLUMN \"attachments\"");
    await queryRunner.query("DROP TABLE \"mail_preference\"");
  }
}
