import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthPostgres1795594689886 implements MigrationInterface {
  name = 'AuthPostgres1795594689886';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"person\" (\"id\" character varying(36) NOT NULL, \"name\" character varying(200) NOT NULL, \"email\" character varying(254) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"UQ_d2d717efd90709ebd3cb26b936c\" UNIQUE (\"email\"), CONSTRAINT \"PK_5fdaf670315c4b7e70cce85daa3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"api_token\" (\"id\" character varying(36) NOT NULL, \"person_id\" character varying(36) NOT NULL, \"token_hash\" character varying(64) NOT NULL, \"role\" character varying(16) NOT NULL, \"programme_id\" character varying(36), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"last_used_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_d862311c568d175c26f41bc6f98\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_api_token_hash\" ON \"api_token\"  (\"token_hash\") ");
    await queryRunner.query("ALTER TABLE \"api_token\" ADD CONSTRAINT \"FK_e2d4e4aec6ea48547b08e409f9b\" FOREIGN KEY (\"person_id\") REFERENCES \"person\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"api_token\" ADD CONSTRAINT \"FK_a1f54b4f1d48bdedc03123366e1\" FOREIGN KEY (\"programme_id\") REFERENCES \"programme\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"api_token\" DROP CONSTRAINT \"FK_a1f54b4f1d48bdedc03123366e1\"");
    await queryRunner.query("ALTER TABLE \"api_token\" DROP CONSTRAINT \"FK_e2d4e4aec6ea48547b08e409f9b\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_api_token_hash\"");
    await queryRunner.query("DROP TABLE \"api_token\"");
    await queryRunner.query("DROP TABLE \"person\"");
  }
}
