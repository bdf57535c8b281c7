import { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeedsPostgres1796218957342 implements MigrationInterface {
  name = 'CalendarFeedsPostgres1796218957342';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"calendar_feed\" (\"id\" character varying(36) NOT NULL, \"person_id\" character varying(36) NOT NULL, \"secret_hash\" character varying(64) NOT NULL, \"kind\" character varying(16) NOT NULL, \"programme_id\" character varying(36), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_24c0b9c80e4a4ac8752d854bc2e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_calendar_feed_person\" ON \"calendar_feed\"  (\"person_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_calendar_feed_secret_hash\" ON \"calendar_feed\"  (\"secret_hash\") ");
    await queryRunner.query("ALTER TABLE \"calendar_feed\" ADD CONSTRAINT \"FK_6f1e687ddc5e27d066c00af5478\" FOREIGN KEY (\"person_id\") REFERENCES \"person\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"calendar_feed\" ADD CONSTRAINT \"FK_ae0a2e50d567982a92febd578f0\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"calendar_feed\" DROP CONSTRAINT \"FK_ae0a2e50d567982a92febd578f0\"");
    await queryRunner.query("ALTER TABLE \"calendar_feed\" DROP CONSTRAINT \"FK_6f1e687ddc5e27d066c00af5478\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_calendar_feed_secret_hash\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_calendar_feed_person\"");
    await queryRunner.query("DROP TABLE \"calendar_feed\"");
  }
}
