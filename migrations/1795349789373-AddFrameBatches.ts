import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddFrameBatches1795349789373 implements MigrationInterface {
  name = 'AddFrameBatches1795349789373';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "frame_batches" ("episodeId" uuid NOT NULL, "seq" integer NOT NULL, "firstFrame" integer NOT NULL, "frameCount" integer NOT NULL, "frames" jsonb NOT NULL, "sha256" character(64) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_frame_batches" PRIMARY KEY ("episodeId", "seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_frame_batches_first_frame" ON "frame_batches"  ("episodeId", "firstFrame") `,
    );
    await queryRunner.query(
      `ALTER TABLE "frame_batches" ADD CONSTRAINT "FK_4348445baef9873c4730ba83e88" FOREIGN KEY ("episodeId") REFERENCES "episodes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "frame_batches" DROP CONSTRAINT "FK_4348445baef9873c4730ba83e88"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_frame_batches_first_frame"`);
    await queryRunner.query(`DROP TABLE "frame_batches"`);
  }
}
