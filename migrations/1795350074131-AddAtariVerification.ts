import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAtariVerification1795350074131 implements MigrationInterface {
  name = 'AddAtariVerification1795350074131';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "episodes" ADD "romMd5" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "episodes" ADD "verification" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "episodes" DROP COLUMN "verification"`);
    await queryRunner.query(`ALTER TABLE "episodes" DROP COLUMN "romMd5"`);
  }
}
