import { MigrationInterface, QueryRunner } from 'typeorm';

export class RisksLogSqlite1796218499925 implements MigrationInterface {
  name = 'RisksLogSqlite1796218499925';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"risk_change\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"risk_id\" varchar(36) NOT NULL, \"likelihood\" integer NOT NULL, \"impact\" integer NOT NULL, \"score\" integer NOT NULL, \"owner_name\" varchar(200) NOT NULL, \"owner_email\" varchar(254) NOT NULL, \"status\" varchar(8) NOT NULL, \"changes\" text NOT NULL, \"reason\" text NOT NULL, \"actor\" varchar(300) NOT NULL, \"at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_risk_change_programme\" ON \"risk_change\" (\"programme_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_risk_change_risk\" ON \"risk_change\" (\"risk_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"risk\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"kind\" varchar(8) NOT NULL, \"title\" varchar(200) NOT NULL, \"description\" text, \"owner_name\" varchar(200) NOT NULL, \"owner_email\" varchar(254) NOT NULL, \"likelihood\" integer NOT NULL, \"impact\" integer NOT NULL, \"target_score\" integer, \"mitigation\" text, \"review_on\" date, \"gate_ids\" text NOT NULL, \"status\" varchar(8) NOT NULL, \"closed_on\" date, \"revision\" integer NOT NULL DEFAULT (1), \"raised_by\" varchar(300) NOT NULL, \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_risk_review\" ON \"risk\" (\"status\", \"review_on\") ");
    await queryRunner.query("CREATE INDEX \"ix_risk_programme\" ON \"risk\" (\"programme_id\", \"status\") ");
    await queryRunner.query("DROP INDEX \"ix_risk_change_programme\"");
    await queryRunner.query("DROP INDEX \"ix_risk_change_risk\"");
    await queryRunner.query("CREATE TABLE \"temporary_risk_change\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"risk_id\" varchar(36) NOT NULL, \"likelihood\" integer NOT NULL, \"impact\" integer NOT NULL, \"score\" integer NOT NULL, \"owner_name\" varchar(200) NOT NULL, \"owner_email\" varchar(254) NOT NULL, \"status\" varchar(8) NOT NULL, \"changes\" text NOT NULL, \"reason\" text NOT NULL, \"actor\" varchar(300) NOT NULL, \"at\" datetime NOT NULL, CONSTRAINT \"FK_02c5157ac1a50a52e67bea4c51a\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_risk_change\"(\"id\", \"programme_id\", \"risk_id\", \"likelihood\", \"impact\", \"score\", \"owner_name\", \"owner_email\", \"status\", \"changes\", \"reason\", \"actor\", \"at\") SELECT \"id\", \"programme_id\", \"risk_id\", \"likelihood\", \"impact\", \"score\", \"owner_name\", \"owner_email\", \"status\", \"changes\", \"reason\", \"actor\", \"at\" FROM \"risk_change\"");
    await queryRunner.query("DROP TABLE \"risk_change\"");
    await queryRunner.query("ALTER TABLE \"temporary_risk_change\" RENAME TO \"risk_change\"");
    await queryRunner.query("CREATE INDEX \"ix_risk_change_programme\" ON \"risk_change\" (\"programme_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_risk_change_risk\" ON \"risk_change\" (\"risk_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"ix_risk_review\"");
    await queryRunner.query("DROP INDEX \"ix_risk_programme\"");
    await queryRunner.query("CREATE TABLE \"temporary_risk\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"kind\" varchar(8) NOT NULL, \"title\" varchar(200) NOT NULL, \"description\" text, \"owner_name\" varchar(200) NOT NULL, \"owner_email\" varchar(254) NOT NULL, \"likelihood\" integer NOT NULL, \"impact\" integer NOT NULL, \"target_score\" integer, \"mitigation\" text, \"review_on\" date, \"gate_ids\" text NOT NULL, \"status\" varchar(8) NOT NULL, \"closed_on\" date, \"revision\" integer NOT NULL DEFAULT (1), \"raised_by\" varchar(300) NOT NULL, \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL, CONSTRAINT \"FK_1762e92833b26aabb4fd505e7ec\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_risk\"(\"id\", \"programme_id\", \"kind\", \"title\", \"description\", \"owner_name\", \"owner_email\", \"likelihood\", \"impact\", \"target_score\", \"mitigation\", \"review_on\", \"gate_ids\", \"status\", \"closed_on\", \"revision\", \"raised_by\", \"created_at\", \"updated_at\") SELECT \"id\", \"programme_id\", \"kind\", \"title\", \"description\", \"owner_name\", \"owner_email\", \"likelihood\", \"impact\", \"target_score\", \"mitigation\", \"review_on\", \"gate_ids\", \"status\", \"closed_on\", \"revision\", \"raised_by\", \"created_at\", \"updated_at\" FROM \"risk\"");
    await queryRunner.query("DROP TABLE \"risk\"");
    await queryRunner.query("ALTER TABLE \"temporary_risk\" RENAME TO \"risk\"");
    await queryRunner.query("CREATE INDEX \"ix_risk_review\" ON \"risk\" (\"status\", \"review_on\") ");
    await queryRunner.query("CREATE INDEX \"ix_risk_programme\" ON \"risk\" (\"programme_id\", \"status\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_risk_programme\"");
    await queryRunner.query("DROP INDEX \"ix_risk_review\"");
    await queryRunner.query("ALTER TABLE \"risk\" RENAME TO \"temporary_risk\"");
    await queryRunner.query("CREATE TABLE \"risk\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"kind\" varchar(8) NOT NULL, \"title\" varchar(200) NOT NULL, \"description\" text, \"owner_name\" varchar(200) NOT NULL, \"owner_email\" varchar(254) NOT NULL, \"likelihood\" integer NOT NULL, \"impact\" integer NOT NULL, \"target_score\" integer, \"mitigation\" text, \"review_on\" date, \"gate_ids\" text NOT NULL, \"status\" varchar(8) NOT NULL, \"closed_on\" date, \"revision\" integer NOT NULL DEFAULT (1), \"raised_by\" varchar(300) NOT NULL, \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"risk\"(\"id\", \"programme_id\", \"kind\", \"title\", \"description\", \"owner_name\", \"owner_email\", \"likelihood\", \"impact\", \"target_score\", \"mitigation\", \"review_on\", \"gate_ids\", \"status\", \"closed_on\", \"revision\", \"raised_by\", \"created_at\", \"updated_at\") SELECT \"id\", \"programme_id\", \"kind\", \"title\", \"description\", \"owner_name\", \"owner_email\", \"likelihood\", \"impact\", \"target_score\", \"mitigation\", \"review_on\", \"gate_ids\", \"status\", \"closed_on\", \"revision\", \"raised_by\", \"created_at\", \"updated_at\" FROM \"temporary_risk\"");
    await queryRunner.query("DROP TABLE \"temporary_risk\"");
    await queryRunner.query("CREATE INDEX \"ix_risk_programme\" ON \"risk\" (\"programme_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"ix_risk_review\" ON \"risk\" (\"status\", \"review_on\") ");
    await queryRunner.query("DROP INDEX \"ix_risk_change_risk\"");
    await queryRunner.query("DROP INDEX \"ix_risk_change_programme\"");
    await queryRunner.query("ALTER TABLE \"risk_change\" RENAME TO \"temporary_risk_change\"");
    await queryRunner.query("CREATE TABLE \"risk_change\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"programme_id\" varchar(36) NOT NULL, \"risk_id\" varchar(36) NOT NULL, \"likelihood\" integer NOT NULL, \"impact\" integer NOT NULL, \"score\" integer NOT NULL, \"owner_name\" varchar(200) NOT NULL, \"owner_email\" varchar(254) NOT NULL, \"status\" varchar(8) NOT NULL, \"changes\" text NOT NULL, \"reason\" text NOT NULL, \"actor\" varchar(300) NOT NULL, \"at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"risk_change\"(\"id\", \"programme_id\", \"risk_id\", \"likelihood\", \"impact\", \"score\", \"owner_name\", \"owner_email\", \"status\", \"changes\", \"reason\", \"actor\", \"at\") SELECT \"id\", \"programme_id\", \"risk_id\", \"likelihood\", \"impact\", \"score\", \"owner_name\", \"owner_email\", \"status\", \"changes\", \"reason\", \"actor\", \"at\" FROM \"temporary_risk_change\"");
    await queryRunner.query("DROP TABLE \"temporary_risk_change\"");
    await queryRunner.query("CREATE INDEX \"ix_risk_change_risk\" ON \"risk_change\" (\"risk_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_risk_change_programme\" ON \"risk_change\" (\"programme_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"ix_risk_programme\"");
    await queryRunner.query("DROP INDEX \"ix_risk_review\"");
    await queryRunner.query("DROP TABLE \"risk\"");
    await queryRunner.query("DROP INDEX \"ix_risk_change_risk\"");
    await queryRunner.query("DROP INDEX \"ix_risk_change_programme\"");
    await queryRunner.query("DROP TABLE \"risk_change\"");
  }
}
