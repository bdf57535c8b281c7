import { MigrationInterface, QueryRunner } from "typeorm";

export class WebSessions1795595008337Sqlite implements MigrationInterface {
  name = "WebSessions1795595008337Sqlite";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "web_session" ("id" varchar(64) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "token_id" varchar(36), "role" varchar(16) NOT NULL, "programme_id" varchar(36), "method" varchar(16) NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_web_session_person" ON "web_session" ("person_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_web_session_expires" ON "web_session" ("expires_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "temporary_person" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "created_at" datetime NOT NULL, "password_hash" varchar(200), CONSTRAINT "UQ_d2d717efd90709ebd3cb26b936c" UNIQUE ("email"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_person"("id", "name", "email", "created_at") SELECT "id", "name", "email", "created_at" FROM "person"',
    );
    await queryRunner.query('DROP TABLE "person"');
    await queryRunner.query(
      'ALTER TABLE "temporary_person" RENAME TO "person"',
    );
    await queryRunner.query('DROP INDEX "ix_web_session_person"');
    await queryRunner.query('DROP INDEX "ix_web_session_expires"');
    await queryRunner.query(
      'CREATE TABLE "temporary_web_session" ("id" varchar(64) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "token_id" varchar(36), "role" varchar(16) NOT NULL, "programme_id" varchar(36), "method" varchar(16) NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, CONSTRAINT "FK_2ea26ae949b6b3ed6c6ab57c189" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f93b4b5cdc41ceb93efae7bf37c" FOREIGN KEY ("token_id") REFERENCES "api_token" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_9dd58235282b0bd4ee20eb0d790" FOREIGN KEY ("programme_id") REFERENCES "programme" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_web_session"("id", "person_id", "token_id", "role", "programme_id", "method", "csrf_token", "created_at", "expires_at", "last_seen_at") SELECT "id", "person_id", "token_id", "role", "programme_id", "method", "csrf_token", "created_at", "expires_at", "last_seen_at" FROM "web_session"',
    );
    await queryRunner.query('DROP TABLE "web_session"');
    await queryRunner.query(
      'ALTER TABLE "temporary_web_session" RENAME TO "web_session"',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_web_session_person" ON "web_session" ("person_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_web_session_expires" ON "web_session" ("expires_at") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_web_session_expires"');
    await queryRunner.query('DROP INDEX "ix_web_session_person"');
    await queryRunner.query(
      'ALTER TABLE "web_session" RENAME TO "temporary_web_session"',
    );
    await queryRunner.query(
      'CREATE TABLE "web_session" ("id" varchar(64) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "token_id" varchar(36), "role" varchar(16) NOT NULL, "programme_id" varchar(36), "method" varchar(16) NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "web_session"("id", "person_id", "token_id", "role", "programme_id", "method", "csrf_token", "created_at", "expires_at", "last_seen_at") SELECT "id", "person_id", "token_id", "role", "programme_id", "method", "csrf_token", "created_at", "expires_at", "last_seen_at" FROM "temporary_web_session"',
    );
    await queryRunner.query('DROP TABLE "temporary_web_session"');
    await queryRunner.query(
      'CREATE INDEX "ix_web_session_expires" ON "web_session" ("expires_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_web_session_person" ON "web_session" ("person_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "person" RENAME TO "temporary_person"',
    );
    await queryRunner.query(
      'CREATE TABLE "person" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "created_at" datetime NOT NULL, CONSTRAINT "UQ_d2d717efd90709ebd3cb26b936c" UNIQUE ("email"))',
    );
    await queryRunner.query(
      'INSERT INTO "person"("id", "name", "email", "created_at") SELECT "id", "name", "email", "created_at" FROM "temporary_person"',
    );
    await queryRunner.query('DROP TABLE "temporary_person"');
    await queryRunner.query('DROP INDEX "ix_web_session_expires"');
    await queryRunner.query('DROP INDEX "ix_web_session_person"');
    await queryRunner.query('DROP TABLE "web_session"');
  }
}
