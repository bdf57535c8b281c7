import { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeedsSqlite1796218957342 implements MigrationInterface {
  name = 'CalendarFeedsSqlite1796218957342';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"calendar_feed\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"person_id\" varchar(36) NOT NULL, \"secret_hash\" varchar(64) NOT NULL, \"kind\" varchar(16) NOT NULL, \"programme_id\" varchar(36), \"created_at\" datetime NOT NULL, \"revoked_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"ix_calendar_feed_person\" ON \"calendar_feed\" (\"person_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_calendar_feed_secret_hash\" ON \"calendar_feed\" (\"secret_hash\") ");
    await queryRunner.query("DROP INDEX \"ix_calendar_feed_person\"");
    await queryRunner.query("DROP INDEX \"ux_calendar_feed_secret_hash\"");
    await queryRunner.query("CREATE TABLE \"temporary_calendar_feed\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"person_id\" varchar(36) NOT NULL, \"secret_hash\" varchar(64) NOT NULL, \"kind\" varchar(16) NOT NULL, \"programme_id\" varchar(36), \"created_at\" datetime NOT NULL, \"revoked_at\" datetime, CONSTRAINT \"FK_6f1e687ddc5e27d066c00af5478\" FOREIGN KEY (\"person_id\") REFERENCES \"person\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION, CONSTRAINT \"FK_ae0a2e50d567982a92febd578f0\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_calendar_feed\"(\"id\", \"person_id\", \"secret_hash\", \"kind\", \"programme_id\", \"created_at\", \"revoked_at\") SELECT \"id\", \"person_id\", \"secret_hash\", \"kind\", \"programme_id\", \"created_at\", \"revoked_at\" FROM \"calendar_feed\"");
    await queryRunner.query("DROP TABLE \"calendar_feed\"");
    await queryRunner.query("ALTER TABLE \"temporary_calendar_feed\" RENAME TO \"calendar_feed\"");
    await queryRunner.query("CREATE INDEX \"ix_calendar_feed_person\" ON \"calendar_feed\" (\"person_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_calendar_feed_secret_hash\" ON \"calendar_feed\" (\"secret_hash\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ux_calendar_feed_secret_hash\"");
    await queryRunner.query("DROP INDEX \"ix_calendar_feed_person\"");
    await queryRunner.query("ALTER TABLE \"calendar_feed\" RENAME TO \"temporary_calendar_feed\"");
    await queryRunner.query("CREATE TABLE \"calendar_feed\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"person_id\" varchar(36) NOT NULL, \"secret_hash\" varchar(64) NOT NULL, \"kind\" varchar(16) NOT NULL, \"programme_id\" varchar(36), \"created_at\" datetime NOT NULL, \"revoked_at\" datetime)");
    await queryRunner.query("INSERT INTO \"calendar_feed\"(\"id\", \"person_id\", \"secret_hash\", \"kind\", \"programme_id\", \"created_at\", \"revoked_at\") SELECT \"id\", \"person_id\", \"secret_hash\", \"kind\", \"programme_id\", \"created_at\", \"revoked_at\" FROM \"temporary_calendar_feed\"");
    await queryRunner.query("DROP TABLE \"temporary_calendar_feed\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_calendar_feed_secret_hash\" ON \"calendar_feed\" (\"secret_hash\") ");
    await queryRunner.query("CREATE INDEX \"ix_calendar_feed_person\" ON \"calendar_feed\" (\"person_id\") ");
    await queryRunner.query("DROP INDEX \"ux_calendar_feed_secret_hash\"");
    await queryRunner.query("DROP INDEX \"ix_calendar_feed_person\"");
    await queryRunner.query("DROP TABLE \"calendar_feed\"");
  }
}
