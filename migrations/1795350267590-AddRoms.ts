import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRoms1795350267590 implements MigrationInterface {
  name = 'AddRoms1795350267590';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "roms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "md5" character(32) NOT NULL, "sha1" character(40) NOT NULL, "name" character varying(200) NOT NULL, "profileId" character varying(64) NOT NULL, "size" integer NOT NULL, "storageKey" character varying(200) NOT NULL, "uploadedById" uuid, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_61be8f8f7c083899d267e94c4f4" UNIQUE ("md5"), CONSTRAINT "PK_b00c7c991a449d12972ec0020bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e221aa1b1fc00c96a4629f1617" ON "roms"  ("name") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_2ece17b4066d378aab8f253af3" ON "roms"  ("profileId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_d794728ea83bba5df4b1838ec4" ON "roms"  ("size") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_ec1fe72556b7b68ea2cb403827" ON "roms"  ("createdAt") `,
    );
    await queryRunner.query(
      `ALTER TABLE "roms" ADD CONSTRAINT "FK_f3e5410fe29cd35637488e170dd" FOREIGN KEY ("uploadedById") REFERENCES "researchers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "roms" DROP CONSTRAINT "FK_f3e5410fe29cd35637488e170dd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ec1fe72556b7b68ea2cb403827"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d794728ea83bba5df4b1838ec4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2ece17b4066d378aab8f253af3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e221aa1b1fc00c96a4629f1617"`);
    await queryRunner.query(`DROP TABLE "roms"`);
  }
}
