import { MigrationInterface, QueryRunner } from 'typeorm';

export class WhatIfScenariosSqlite1796220117767 implements MigrationInterface {
  name = 'WhatIfScenariosSqlite1796220117767';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"what_if_scenario\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"name\" varchar(120) NOT NULL, \"changes\" text NOT NULL, \"programme_revision\" integer NOT NULL, \"created_by\" varchar(320) NOT NULL, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_4dfb5c205d9f930bc9e9fcdfb4\" ON \"what_if_scenario\" (\"programme_id\", \"created_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_4dfb5c205d9f930bc9e9fcdfb4\"");
    await queryRunner.query("DROP TABLE \"what_if_scenario\"");
  }
}
