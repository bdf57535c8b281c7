import { MigrationInterface, QueryRunner } from 'typeorm';

export class RunningProgrammesPostgres1796218642901 implements MigrationInterface {
  name = 'RunningProgrammesPostgres1796218642901';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"evidence\" (\"id\" SERIAL NOT NULL, \"programme_id\" character varying(36) NOT NULL, \"gate_id\" character varying(64) NOT NULL, \"item_id\" character varying(64) NOT NULL, \"recorded_on\" date NOT NULL, \"reference\" character varying(200), \"link\" character varying(2000), \"note\" text, \"recorded_by\" character varying(254) NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_b864cb5d49854f89917fc0b44b9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_evidence_gate\" ON \"evidence\"  (\"programme_id\", \"gate_id\", \"item_id\") ");
    await queryRunner.query("ALTER TABLE \"party\" ADD \"withdrawn_on\" date");
    await queryRunner.query("ALTER TABLE \"party\" ADD \"withdrawn_reason\" text");
    await queryRunner.query("ALTER TABLE \"party\" ADD \"withdrawn_by\" character varying(254)");
    await queryRunner.query("CREATE INDEX \"ix_gate_owner_email\" ON \"gate\"  (\"owner_email\") ");
    await queryRunner.query("ALTER TABLE \"evidence\" ADD CONSTRAINT \"FK_4d7f32c85b3a6fcada23897e027\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"evidence\" DROP CONSTRAINT \"FK_4d7f32c85b3a6fcada23897e027\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_gate_owner_email\"");
    await queryRunner.query("ALTER TABLE \"party\" DROP COLUMN \"withdrawn_by\"");
    await queryRunner.query("ALTER TABLE \"party\" DROP COLUMN \"withdrawn_reason\"");
    await queryRunner.query("ALTER TABLE \"party\" DROP COLUMN \"withdrawn_on\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_evidence_gate\"");
    await queryRunner.query("DROP TABLE \"evidence\"");
  }
}
