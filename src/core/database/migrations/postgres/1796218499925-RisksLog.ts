import { MigrationInterface, QueryRunner } from 'typeorm';

export class RisksLogPostgres1796218499925 implements MigrationInterface {
  name = 'RisksLogPostgres1796218499925';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"risk_change\" (\"id\" SERIAL NOT NULL, \"programme_id\" character varying(36) NOT NULL, \"risk_id\" character varying(36) NOT NULL, \"likelihood\" integer NOT NULL, \"impact\" integer NOT NULL, \"score\" integer NOT NULL, \"owner_name\" character varying(200) NOT NULL, \"owner_email\" character varying(254) NOT NULL, \"status\" character varying(8) NOT NULL, \"changes\" jsonb NOT NULL, \"reason\" text NOT NULL, \"actor\" character varying(300) NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_548bf6a916472b1231394242d56\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_risk_change_programme\" ON \"risk_change\"  (\"programme_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_risk_change_risk\" ON \"risk_change\"  (\"risk_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"risk\" (\"id\" character varying(36) NOT NULL, \"programme_id\" character varying(36) NOT NULL, \"kind\" character varying(8) NOT NULL, \"title\" character varying(200) NOT NULL, \"description\" text, \"owner_name\" character varying(200) NOT NULL, \"owner_email\" character varying(254) NOT NULL, \"likelihood\" integer NOT NULL, \"impact\" integer NOT NULL, \"target_score\" integer, \"mitigation\" text, \"review_on\" date, \"gate_ids\" jsonb NOT NULL, \"status\" character varying(8) NOT NULL, \"closed_on\" date, \"revision\" integer NOT NULL DEFAULT '1', \"raised_by\" character varying(300) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_955c5a23813b1704181c9a5f7c8\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_risk_review\" ON \"risk\"  (\"status\", \"review_on\") ");
    await queryRunner.query("CREATE INDEX \"ix_risk_programme\" ON \"risk\"  (\"programme_id\", \"status\") ");
    await queryRunner.query("ALTER TABLE \"risk_change\" ADD CONSTRAINT \"FK_02c5157ac1a50a52e67bea4c51a\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"risk\" ADD CONSTRAINT \"FK_1762e92833b26aabb4fd505e7ec\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"risk\" DROP CONSTRAINT \"FK_1762e92833b26aabb4fd505e7ec\"");
    await queryRunner.query("ALTER TABLE \"risk_change\" DROP CONSTRAINT \"FK_02c5157ac1a50a52e67bea4c51a\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_risk_programme\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_risk_review\"");
    await queryRunner.query("DROP TABLE \"risk\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_risk_change_risk\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_risk_change_programme\"");
    await queryRunner.query("DROP TABLE \"risk_change\"");
  }
}
