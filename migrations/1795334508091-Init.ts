import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795334508091 implements MigrationInterface {
  name = 'Init1795334508091';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."researcher_role" AS ENUM('admin', 'researcher')`,
    );
    await queryRunner.query(
      `CREATE TABLE "researchers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL DEFAULT '', "passwordHash" character varying(200) NOT NULL, "role" "public"."researcher_role" NOT NULL DEFAULT 'researcher', "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6420eaf0897733fd6480dfdcec5" UNIQUE ("email"), CONSTRAINT "PK_7d8f21965244b6a051c4fef4a8d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "studies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, "config" jsonb NOT NULL DEFAULT '{}', "idPattern" character varying(200) NOT NULL DEFAULT '^[TWD]\\d{4,6}$', "requireAccessCode" boolean NOT NULL DEFAULT false, "ownerId" uuid NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_65633f38957dc70dbe4872ff76e" UNIQUE ("slug"), CONSTRAINT "PK_b100ff0c4a0ad02a9c2270d45b6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_195157c6f7fb2914af0e311229" ON "studies"  ("ownerId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1b5a6b3cd9cb6faf34778c9d0e" ON "studies"  ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "participants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "studyId" uuid NOT NULL, "participantId" character varying(32) NOT NULL, "role" character varying(16) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'registered', "externalId" character varying(200), "accessCode" character varying(16), "inviteToken" character varying(64) NOT NULL, "consentedAt" TIMESTAMP WITH TIME ZONE, "lastLoginAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7c1f865550b3bc111d5ec586f98" UNIQUE ("inviteToken"), CONSTRAINT "UQ_participants_study_participant" UNIQUE ("studyId", "participantId"), CONSTRAINT "PK_1cda06c31eec1c95b3365a0283f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_56a98c61f3a2655f74936b4ac0" ON "participants"  ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_participants_study_role_status" ON "participants"  ("studyId", "role", "status") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."session_status" AS ENUM('waiting', 'running', 'paused', 'completed', 'aborted')`,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "studyId" uuid NOT NULL, "kind" character varying(20) NOT NULL, "status" "public"."session_status" NOT NULL DEFAULT 'waiting', "teacherId" uuid, "wizardId" uuid, "demonstratorId" uuid, "seed" integer NOT NULL DEFAULT '0', "phase" character varying(40), "startedAt" TIMESTAMP WITH TIME ZONE, "endedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d57f1751111f794b17f4dd9a64" ON "sessions"  ("status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_sessions_study_created" ON "sessions"  ("studyId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."episode_status" AS ENUM('running', 'completed', 'aborted')`,
    );
    await queryRunner.query(
      `CREATE TABLE "episodes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sessionId" uuid NOT NULL, "studyId" uuid NOT NULL, "index" integer NOT NULL, "round" integer, "practice" boolean NOT NULL DEFAULT false, "game" character varying(64) NOT NULL, "status" "public"."episode_status" NOT NULL DEFAULT 'running', "outcome" character varying(40), "steps" integer NOT NULL DEFAULT '0', "score" integer NOT NULL DEFAULT '0', "verified" boolean, "startedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "endedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_episodes_session_index" UNIQUE ("sessionId", "index"), CONSTRAINT "PK_6a003fda8b0473fffc39cb831c7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9c019f699f72e57b131fde2284" ON "episodes"  ("game") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9195b9787db57f3cc6dd65ef83" ON "episodes"  ("status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_study_started" ON "episodes"  ("studyId", "startedAt") `,
    );
    await queryRunner.query(
      `ALTER TABLE "studies" ADD CONSTRAINT "FK_195157c6f7fb2914af0e3112291" FOREIGN KEY ("ownerId") REFERENCES "researchers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participants" ADD CONSTRAINT "FK_395c2b9cb57091bd0e376783426" FOREIGN KEY ("studyId") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_114b0a4e1a278bbe36afc5c3ea3" FOREIGN KEY ("studyId") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_40745aaeed502b8ec9860900e2f" FOREIGN KEY ("teacherId") REFERENCES "participants"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_493272f68d8328356b68c8ffcac" FOREIGN KEY ("wizardId") REFERENCES "participants"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_269776e27af68d3c84fbbc31c1f" FOREIGN KEY ("demonstratorId") REFERENCES "participants"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "episodes" ADD CONSTRAINT "FK_0f4da2e844c93e012a5c1930edd" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "episodes" ADD CONSTRAINT "FK_3162abed08173b307083a50d7c0" FOREIGN KEY ("studyId") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "episodes" DROP CONSTRAINT "FK_3162abed08173b307083a50d7c0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "episodes" DROP CONSTRAINT "FK_0f4da2e844c93e012a5c1930edd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" DROP CONSTRAINT "FK_269776e27af68d3c84fbbc31c1f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" DROP CONSTRAINT "FK_493272f68d8328356b68c8ffcac"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" DROP CONSTRAINT "FK_40745aaeed502b8ec9860900e2f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" DROP CONSTRAINT "FK_114b0a4e1a278bbe36afc5c3ea3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participants" DROP CONSTRAINT "FK_395c2b9cb57091bd0e376783426"`,
    );
    await queryRunner.query(
      `ALTER TABLE "studies" DROP CONSTRAINT "FK_195157c6f7fb2914af0e3112291"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_study_started"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9195b9787db57f3cc6dd65ef83"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9c019f699f72e57b131fde2284"`);
    await queryRunner.query(`DROP TABLE "episodes"`);
    await queryRunner.query(`DROP TYPE "public"."episode_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sessions_study_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d57f1751111f794b17f4dd9a64"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TYPE "public"."session_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_participants_study_role_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_56a98c61f3a2655f74936b4ac0"`);
    await queryRunner.query(`DROP TABLE "participants"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1b5a6b3cd9cb6faf34778c9d0e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_195157c6f7fb2914af0e311229"`);
    await queryRunner.query(`DROP TABLE "studies"`);
    await queryRunner.query(`DROP TABLE "researchers"`);
    await queryRunner.query(`DROP TYPE "public"."researcher_role"`);
  }
}
