import { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestCountersPostgres1796230779296 implements MigrationInterface {
  name = 'RequestCountersPostgres1796230779296';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"request_counter\" (\"key\" character varying(200) NOT NULL, \"count\" integer NOT NULL, \"expires_at\" bigint NOT NULL, CONSTRAINT \"PK_5d9f148d8d054a691feb871b4a0\" PRIMARY KEY (\"key\"))");
    await queryRunner.query("CREATE INDEX \"ix_request_counter_expires\" ON \"request_counter\"  (\"expires_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_request_counter_expires\"");
    await queryRunner.query("DROP TABLE \"request_counter\"");
  }
}
