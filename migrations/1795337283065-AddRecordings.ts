import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRecordings1795337283065 implements MigrationInterface {
  name = 'AddRecordings1795337283065';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "clock_samples" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participantId" uuid NOT NULL, "studyId" uuid NOT NULL, "clockId" uuid NOT NULL, "clientSendMs" double precision NOT NULL, "serverMs" double precision NOT NULL, "clientRecvMs" double precision NOT NULL, "rttMs" double precision NOT NULL, "timeOrigin" double precision, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_clock_samples_participant_clock_send" UNIQUE ("participantId", "clockId", "clientSendMs"), CONSTRAINT "PK_0c994c4b9f2d5b5456b693863b3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."recording_kind" AS ENUM('mic', 'game', 'other')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."recording_status" AS ENUM('recording', 'finalizing', 'finalized', 'failed', 'deleted')`,
    );
    await queryRunner.query(
      `CREATE TABLE "recordings" ("id" uuid NOT NULL, "studyId" uuid NOT NULL, "participantId" uuid NOT NULL, "sessionId" uuid, "episodeId" uuid, "kind" "public"."recording_kind" NOT NULL, "label" character varying(80), "sampleRate" integer NOT NULL, "channels" smallint NOT NULL DEFAULT '1', "status" "public"."recording_status" NOT NULL DEFAULT 'recording', "source" jsonb, "receivedChunks" integer NOT NULL DEFAULT '0', "receivedBytes" bigint NOT NULL DEFAULT '0', "lastSeq" integer, "lastChunkAt" TIMESTAMP WITH TIME ZONE, "wavKey" character varying(400), "durationSamples" bigint, "gaps" jsonb, "mapping" jsonb, "error" text, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finalizedAt" TIMESTAMP WITH TIME ZONE, "deletedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8c3247d5ee4551d59bb2115a484" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ea85a57ec61b7fef4274c1ca4e" ON "recordings"  ("episodeId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recordings_status_last_chunk" ON "recordings"  ("status", "lastChunkAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recordings_participant_created" ON "recordings"  ("participantId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recordings_session_created" ON "recordings"  ("sessionId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recordings_study_created" ON "recordings"  ("studyId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "recording_chunks" ("recordingId" uuid NOT NULL, "seq" integer NOT NULL, "segment" integer NOT NULL, "startSample" integer NOT NULL, "sampleCount" integer NOT NULL, "byteLength" integer NOT NULL, "sha256" character(64) NOT NULL, "contextTime" double precision NOT NULL, "captureMs" double precision NOT NULL, "clockId" uuid NOT NULL, "storageKey" character varying(400) NOT NULL, "receivedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_recording_chunks" PRIMARY KEY ("recordingId", "seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recording_chunks_position" ON "recording_chunks"  ("recordingId", "segment", "startSample") `,
    );
    await queryRunner.query(
      `ALTER TABLE "clock_samples" ADD CONSTRAINT "FK_714924c0f1ec27b5fc38419fa44" FOREIGN KEY ("participantId") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recordings" ADD CONSTRAINT "FK_435e2a758f530509e4656ce2a79" FOREIGN KEY ("studyId") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recordings" ADD CONSTRAINT "FK_90116d56c69014715b74968961f" FOREIGN KEY ("participantId") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recordings" ADD CONSTRAINT "FK_69a88f86a758e41b9273a8a565d" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recordings" ADD CONSTRAINT "FK_ea85a57ec61b7fef4274c1ca4e6" FOREIGN KEY ("episodeId") REFERENCES "episodes"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recording_chunks" ADD CONSTRAINT "FK_87514b665cdd045986e0b9096f0" FOREIGN KEY ("recordingId") REFERENCES "recordings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "recording_chunks" DROP CONSTRAINT "FK_87514b665cdd045986e0b9096f0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "recordings" DROP CONSTRAINT "FK_ea85a57ec61b7fef4274c1ca4e6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "recordings" DROP CONSTRAINT "FK_69a88f86a758e41b9273a8a565d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "recordings" DROP CONSTRAINT "FK_90116d56c69014715b74968961f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "recordings" DROP CONSTRAINT "FK_435e2a758f530509e4656ce2a79"`,
    );
    await queryRunner.query(
      `ALTER TABLE "clock_samples" DROP CONSTRAINT "FK_714924c0f1ec27b5fc38419fa44"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_recording_chunks_position"`);
    await queryRunner.query(`DROP TABLE "recording_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_recordings_study_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_recordings_session_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_recordings_participant_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_recordings_status_last_chunk"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ea85a57ec61b7fef4274c1ca4e"`);
    await queryRunner.query(`DROP TABLE "recordings"`);
    await queryRunner.query(`DROP TYPE "public"."recording_status"`);
    await queryRunner.query(`DROP TYPE "public"."recording_kind"`);
    await queryRunner.query(`DROP TABLE "clock_samples"`);
  }
}
