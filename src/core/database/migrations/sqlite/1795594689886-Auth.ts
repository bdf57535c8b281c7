import { MigrationInterface, QueryRunner } from 'typeorm';

export class Auth1795594689886Sqlite implements MigrationInterface {
  name = 'Auth1795594689886Sqlite';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"person\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"name\" varchar(200) NOT NULL, \"email\" varchar(254) NOT NULL, \"created_at\" datetime NOT NULL, CONSTRAINT \"UQ_d2d717efd90709ebd3cb26b936c\" UNIQUE (\"email\"))");
    await queryRunner.query("CREATE TABLE \"api_token\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"person_id\" varchar(36) NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"role\" varchar(16) NOT NULL, \"programme_id\" varchar(36), \"created_at\" datetime NOT NULL, \"expires_at\" datetime, \"revoked_at\" datetime, \"last_used_at\" datetime)");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_api_token_hash\" ON \"api_token\" (\"token_hash\") ");
    await queryRunner.query("DROP INDEX \"ux_api_token_hash\"");
    await queryRunner.query("CREATE TABLE \"temporary_api_token\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"person_id\" varchar(36) NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"role\" varchar(16) NOT NULL, \"programme_id\" varchar(36), \"created_at\" datetime NOT NULL, \"expires_at\" datetime, \"revoked_at\" datetime, \"last_used_at\" datetime, CONSTRAINT \"FK_e2d4e4aec6ea48547b08e409f9b\" FOREIGN KEY (\"person_id\") REFERENCES \"person\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION, CONSTRAINT \"FK_a1f54b4f1d48bdedc03123366e1\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_api_token\"(\"id\", \"person_id\", \"token_hash\", \"role\", \"programme_id\", \"created_at\", \"expires_at\", \"revoked_at\", \"last_used_at\") SELECT \"id\", \"person_id\", \"token_hash\", \"role\", \"programme_id\", \"created_at\", \"expires_at\", \"revoked_at\", \"last_used_at\" FROM \"api_token\"");
    await queryRunner.query("DROP TABLE \"api_token\"");
    await queryRunner.query("ALTER TABLE \"temporary_api_token\" RENAME TO \"api_token\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_api_token_hash\" ON \"api_token\" (\"token_hash\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ux_api_token_hash\"");
    await queryRunner.query("ALTER TABLE \"api_token\" RENAME TO \"temporary_api_token\"");
    await queryRunner.query("CREATE TABLE \"api_token\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"person_id\" varchar(36) NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"role\" varchar(16) NOT NULL, \"programme_id\" varchar(36), \"created_at\" datetime NOT NULL, \"expires_at\" datetime, \"revoked_at\" datetime, \"last_used_at\" datetime)");
    await queryRunner.query("INSERT INTO \"api_token\"(\"id\", \"person_id\", \"token_hash\", \"role\", \"programme_id\", \"created_at\", \"expires_at\", \"revoked_at\", \"last_used_at\") SELECT \"id\", \"person_id\", \"token_hash\", \"role\", \"programme_id\", \"created_at\", \"expires_at\", \"revoked_at\", \"last_used_at\" FROM \"temporary_api_token\"");
    await queryRunner.query("DROP TABLE \"temporary_api_token\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_api_token_hash\" ON \"api_token\" (\"token_hash\") ");
    await queryRunner.query("DROP INDEX \"ux_api_token_hash\"");
    await queryRunner.query("DROP TABLE \"api_token\"");
    await queryRunner.query("DROP TABLE \"person\"");
  }
}
