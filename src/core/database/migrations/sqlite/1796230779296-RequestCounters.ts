import { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestCountersSqlite1796230779296 implements MigrationInterface {
  name = 'RequestCountersSqlite1796230779296';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"request_counter\" (\"key\" varchar(200) PRIMARY KEY NOT NULL, \"count\" integer NOT NULL, \"expires_at\" bigint NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_request_counter_expires\" ON \"request_counter\" (\"expires_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_request_counter_expires\"");
    await queryRunner.query("DROP TABLE \"request_counter\"");
  }
}
