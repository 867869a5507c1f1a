import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRenders1795356407778 implements MigrationInterface {
  name = 'AddRenders1795356407778';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."render_status" AS ENUM('queued', 'rendering', 'completed', 'failed', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE TABLE "renders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "episodeId" uuid NOT NULL, "studyId" uuid NOT NULL, "status" "public"."render_status" NOT NULL DEFAULT 'queued', "options" jsonb NOT NULL, "framesWritten" integer NOT NULL DEFAULT '0', "framesTotal" integer, "audioTracks" jsonb, "storageKey" character varying(400), "bytes" bigint, "durationMs" integer, "error" text, "attempts" integer NOT NULL DEFAULT '0', "startedAt" TIMESTAMP WITH TIME ZONE, "completedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a5678fd96b9b0f258b93177c4d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_188a8ceeddca4ba193fb576ffd" ON "renders"  ("status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_renders_episode_created" ON "renders"  ("episodeId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_renders_study_created" ON "renders"  ("studyId", "createdAt") `,
    );
    await queryRunner.query(
      `ALTER TABLE "renders" ADD CONSTRAINT "FK_80e9ede7cb66181b04576cc0612" FOREIGN KEY ("episodeId") REFERENCES "episodes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "renders" ADD CONSTRAINT "FK_b6fa7f372b901ad516e54bd339f" FOREIGN KEY ("studyId") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "renders" DROP CONSTRAINT "FK_b6fa7f372b901ad516e54bd339f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "renders" DROP CONSTRAINT "FK_80e9ede7cb66181b04576cc0612"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_renders_study_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_renders_episode_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_188a8ceeddca4ba193fb576ffd"`);
    await queryRunner.query(`DROP TABLE "renders"`);
    await queryRunner.query(`DROP TYPE "public"."render_status"`);
  }
}
