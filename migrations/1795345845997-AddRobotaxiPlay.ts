import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRobotaxiPlay1795345845997 implements MigrationInterface {
  name = 'AddRobotaxiPlay1795345845997';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "session_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sessionId" uuid NOT NULL, "participantId" uuid NOT NULL, "kind" character varying(20) NOT NULL, "payload" jsonb NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_session_feedback_member" UNIQUE ("sessionId", "participantId"), CONSTRAINT "PK_5351647a4a00ccbca90adb057f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "steps" ("episodeId" uuid NOT NULL, "index" integer NOT NULL, "sessionId" uuid NOT NULL, "action" smallint NOT NULL, "reward" integer NOT NULL, "done" boolean NOT NULL, "outcome" character varying(20), "state" jsonb NOT NULL, "info" jsonb NOT NULL, "keypresses" jsonb NOT NULL DEFAULT '[]', "renders" jsonb NOT NULL DEFAULT '[]', "renderedMs" double precision, "serverMs" double precision NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_steps" PRIMARY KEY ("episodeId", "index"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_steps_session_server_ms" ON "steps"  ("sessionId", "serverMs") `,
    );
    await queryRunner.query(`ALTER TABLE "sessions" ADD "progress" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD "pairing" character varying(20) NOT NULL DEFAULT 'auto'`,
    );
    await queryRunner.query(`ALTER TABLE "sessions" ADD "abortReason" character varying(300)`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "runnerId" character varying(200)`);
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD "runnerLeaseUntil" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "episodes" ADD "seed" bigint`);
    await queryRunner.query(`ALTER TABLE "episodes" ADD "level" jsonb`);
    await queryRunner.query(`ALTER TABLE "episodes" ADD "initialState" jsonb`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_sessions_open_wizard" ON "sessions"  ("wizardId") WHERE "wizardId" IS NOT NULL AND "status" NOT IN ('completed', 'aborted')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_sessions_open_teacher" ON "sessions"  ("teacherId") WHERE "teacherId" IS NOT NULL AND "status" NOT IN ('completed', 'aborted')`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_feedback" ADD CONSTRAINT "FK_a0567dbf6bd30cf4bd05b110a17" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "steps" ADD CONSTRAINT "FK_c65a80fe0155151cd385b8f172c" FOREIGN KEY ("episodeId") REFERENCES "episodes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "steps" DROP CONSTRAINT "FK_c65a80fe0155151cd385b8f172c"`);
    await queryRunner.query(
      `ALTER TABLE "session_feedback" DROP CONSTRAINT "FK_a0567dbf6bd30cf4bd05b110a17"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_sessions_open_teacher"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_sessions_open_wizard"`);
    await queryRunner.query(`ALTER TABLE "episodes" DROP COLUMN "initialState"`);
    await queryRunner.query(`ALTER TABLE "episodes" DROP COLUMN "level"`);
    await queryRunner.query(`ALTER TABLE "episodes" DROP COLUMN "seed"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "runnerLeaseUntil"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "runnerId"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "abortReason"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "pairing"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "progress"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_steps_session_server_ms"`);
    await queryRunner.query(`DROP TABLE "steps"`);
    await queryRunner.query(`DROP TABLE "session_feedback"`);
  }
}
