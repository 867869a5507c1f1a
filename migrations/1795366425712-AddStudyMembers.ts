import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddStudyMembers1795366425712 implements MigrationInterface {
  name = 'AddStudyMembers1795366425712';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "study_members" ("studyId" uuid NOT NULL, "researcherId" uuid NOT NULL, "grantedById" uuid, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_191e277e15239f063787c6af520" PRIMARY KEY ("studyId", "researcherId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cc7a6158da07f79249b74b94a5" ON "study_members"  ("researcherId") `,
    );
    await queryRunner.query(
      `ALTER TABLE "study_members" ADD CONSTRAINT "FK_8198b7dff11b9b968ebbad9a208" FOREIGN KEY ("studyId") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "study_members" ADD CONSTRAINT "FK_cc7a6158da07f79249b74b94a56" FOREIGN KEY ("researcherId") REFERENCES "researchers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "study_members" ADD CONSTRAINT "FK_51f5daa09d92de070075e271619" FOREIGN KEY ("grantedById") REFERENCES "researchers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "study_members" DROP CONSTRAINT "FK_51f5daa09d92de070075e271619"`,
    );
    await queryRunner.query(
      `ALTER TABLE "study_members" DROP CONSTRAINT "FK_cc7a6158da07f79249b74b94a56"`,
    );
    await queryRunner.query(
      `ALTER TABLE "study_members" DROP CONSTRAINT "FK_8198b7dff11b9b968ebbad9a208"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_cc7a6158da07f79249b74b94a5"`);
    await queryRunner.query(`DROP TABLE "study_members"`);
  }
}
