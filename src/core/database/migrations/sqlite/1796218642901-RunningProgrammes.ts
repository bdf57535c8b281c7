import { MigrationInterface, QueryRunner } from 'typeorm';

export class RunningProgrammesSqlite1796218642901 implements MigrationInterface {
  name = 'RunningProgrammesSqlite1796218642901';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"evidence\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"item_id\" varchar(64) NOT NULL, \"recorded_on\" date NOT NULL, \"reference\" varchar(200), \"link\" varchar(2000), \"note\" text, \"recorded_by\" varchar(254) NOT NULL, \"recorded_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_evidence_gate\" ON \"evidence\" (\"programme_id\", \"gate_id\", \"item_id\") ");
    await queryRunner.query("CREATE TABLE \"temporary_party\" (\"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"name\" varchar(200) NOT NULL, \"position\" integer NOT NULL, \"withdrawn_on\" date, \"withdrawn_reason\" text, \"withdrawn_by\" varchar(254), CONSTRAINT \"FK_5dcc4dc0044c9a80f7de17f03cd\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"programme_id\", \"gate_id\", \"party_id\"))");
    await queryRunner.query("INSERT INTO \"temporary_party\"(\"programme_id\", \"gate_id\", \"party_id\", \"name\", \"position\") SELECT \"programme_id\", \"gate_id\", \"party_id\", \"name\", \"position\" FROM \"party\"");
    await queryRunner.query("DROP TABLE \"party\"");
    await queryRunner.query("ALTER TABLE \"temporary_party\" RENAME TO \"party\"");
    await queryRunner.query("CREATE INDEX \"ix_gate_owner_email\" ON \"gate\" (\"owner_email\") ");
    await queryRunner.query("DROP INDEX \"ix_evidence_gate\"");
    await queryRunner.query("CREATE TABLE \"temporary_evidence\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"item_id\" varchar(64) NOT NULL, \"recorded_on\" date NOT NULL, \"reference\" varchar(200), \"link\" varchar(2000), \"note\" text, \"recorded_by\" varchar(254) NOT NULL, \"recorded_at\" datetime NOT NULL, CONSTRAINT \"FK_4d7f32c85b3a6fcada23897e027\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_evidence\"(\"id\", \"programme_id\", \"gate_id\", \"item_id\", \"recorded_on\", \"reference\", \"link\", \"note\", \"recorded_by\", \"recorded_at\") SELECT \"id\", \"programme_id\", \"gate_id\", \"item_id\", \"recorded_on\", \"reference\", \"link\", \"note\", \"recorded_by\", \"recorded_at\" FROM \"evidence\"");
    await queryRunner.query("DROP TABLE \"evidence\"");
    await queryRunner.query("ALTER TABLE \"temporary_evidence\" RENAME TO \"evidence\"");
    await queryRunner.query("CREATE INDEX \"ix_evidence_gate\" ON \"evidence\" (\"programme_id\", \"gate_id\", \"item_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_evidence_gate\"");
    await queryRunner.query("ALTER TABLE \"evidence\" RENAME TO \"temporary_evidence\"");
    await queryRunner.query("CREATE TABLE \"evidence\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"item_id\" varchar(64) NOT NULL, \"recorded_on\" date NOT NULL, \"reference\" varchar(200), \"link\" varchar(2000), \"note\" text, \"recorded_by\" varchar(254) NOT NULL, \"recorded_at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"evidence\"(\"id\", \"programme_id\", \"gate_id\", \"item_id\", \"recorded_on\", \"reference\", \"link\", \"note\", \"recorded_by\", \"recorded_at\") SELECT \"id\", \"programme_id\", \"gate_id\", \"item_id\", \"recorded_on\", \"reference\", \"link\", \"note\", \"recorded_by\", \"recorded_at\" FROM \"temporary_evidence\"");
    await queryRunner.query("DROP TABLE \"temporary_evidence\"");
    await queryRunner.query("CREATE INDEX \"ix_evidence_gate\" ON \"evidence\" (\"programme_id\", \"gate_id\", \"item_id\") ");
    await queryRunner.query("DROP INDEX \"ix_gate_owner_email\"");
    await queryRunner.query("ALTER TABLE \"party\" RENAME TO \"temporary_party\"");
    await queryRunner.query("CREATE TABLE \"party\" (\"programme_id\" varchar(36) NOT NULL, \"gate_id\" varchar(64) NOT NULL, \"party_id\" varchar(64) NOT NULL, \"name\" varchar(200) NOT NULL, \"position\" integer NOT NULL, CONSTRAINT \"FK_5dcc4dc0044c9a80f7de17f03cd\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"programme_id\", \"gate_id\", \"party_id\"))");
    await queryRunner.query("INSERT INTO \"party\"(\"programme_id\", \"gate_id\", \"party_id\", \"name\", \"position\") SELECT \"programme_id\", \"gate_id\", \"party_id\", \"name\", \"position\" FROM \"temporary_party\"");
    await queryRunner.query("DROP TABLE \"temporary_party\"");
    await queryRunner.query("DROP INDEX \"ix_evidence_gate\"");
    await queryRunner.query("DROP TABLE \"evidence\"");
  }
}
