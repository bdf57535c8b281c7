import { MigrationInterface, QueryRunner } from 'typeorm';

export class WhatIfScenariosPostgres1796220117767 implements MigrationInterface {
  name = 'WhatIfScenariosPostgres1796220117767';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"what_if_scenario\" (\"id\" character varying(36) NOT NULL, \"programme_id\" character varying(36) NOT NULL, \"name\" character varying(120) NOT NULL, \"changes\" jsonb NOT NULL, \"programme_revision\" integer NOT NULL, \"created_by\" character varying(320) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_903c81e1b4118d14c9b0edc5b22\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_4dfb5c205d9f930bc9e9fcdfb4\" ON \"what_if_scenario\"  (\"programme_id\", \"created_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_4dfb5c205d9f930bc9e9fcdfb4\"");
    await queryRunner.query("DROP TABLE \"what_if_scenario\"");
  }
}
