import { MigrationInterface, QueryRunner } from "typeorm";

export class WebSessionsPostgres1795595008337 implements MigrationInterface {
  name = "WebSessionsPostgres1795595008337";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "web_session" ("id" character varying(64) NOT NULL, "person_id" character varying(36) NOT NULL, "token_id" character varying(36), "role" character varying(16) NOT NULL, "programme_id" character varying(36), "method" character varying(16) NOT NULL, "csrf_token" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a20f923225e2b0ea32d675dc9ef" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_web_session_person" ON "web_session"  ("person_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_web_session_expires" ON "web_session"  ("expires_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "person" ADD "password_hash" character varying(200)',
    );
    await queryRunner.query(
      'ALTER TABLE "web_session" ADD CONSTRAINT "FK_2ea26ae949b6b3ed6c6ab57c189" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "web_session" ADD CONSTRAINT "FK_f93b4b5cdc41ceb93efae7bf37c" FOREIGN KEY ("token_id") REFERENCES "api_token"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "web_session" ADD CONSTRAINT "FK_9dd58235282b0bd4ee20eb0d790" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "web_session" DROP CONSTRAINT "FK_9dd58235282b0bd4ee20eb0d790"',
    );
    await queryRunner.query(
      'ALTER TABLE "web_session" DROP CONSTRAINT "FK_f93b4b5cdc41ceb93efae7bf37c"',
    );
    await queryRunner.query(
      'ALTER TABLE "web_session" DROP CONSTRAINT "FK_2ea26ae949b6b3ed6c6ab57c189"',
    );
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "password_hash"');
    await queryRunner.query('DROP INDEX "public"."ix_web_session_expires"');
    await queryRunner.query('DROP INDEX "public"."ix_web_session_person"');
    await queryRunner.query('DROP TABLE "web_session"');
  }
}
