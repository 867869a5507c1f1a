import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddListIndexes1795360612429 implements MigrationInterface {
  name = 'AddListIndexes1795360612429';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_9c019f699f72e57b131fde2284"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9195b9787db57f3cc6dd65ef83"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_study_started"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_sessions_demonstrator" ON "sessions"  ("demonstratorId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_sessions_wizard" ON "sessions"  ("wizardId") `);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_teacher" ON "sessions"  ("teacherId") `);
    await queryRunner.query(`CREATE INDEX "IDX_episodes_verified" ON "episodes"  ("verified") `);
    await queryRunner.query(`CREATE INDEX "IDX_episodes_practice" ON "episodes"  ("practice") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_study_flags" ON "episodes"  ("studyId", "practice", "verified", "status", "game") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_study_status" ON "episodes"  ("studyId", "status", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_study_game" ON "episodes"  ("studyId", "game", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_study_index" ON "episodes"  ("studyId", "index", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_study_steps" ON "episodes"  ("studyId", "steps", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_study_score" ON "episodes"  ("studyId", "score", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_study_ended" ON "episodes"  ("studyId", "endedAt", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_study_started" ON "episodes"  ("studyId", "startedAt", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_episodes_status" ON "episodes"  ("status", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_episodes_game" ON "episodes"  ("game", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_episodes_index" ON "episodes"  ("index", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_episodes_steps" ON "episodes"  ("steps", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_episodes_score" ON "episodes"  ("score", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_episodes_ended" ON "episodes"  ("endedAt", "id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_started" ON "episodes"  ("startedAt", "id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_started"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_ended"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_score"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_steps"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_index"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_game"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_study_started"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_study_ended"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_study_score"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_study_steps"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_study_index"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_study_game"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_study_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_study_flags"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_practice"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_episodes_verified"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sessions_teacher"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sessions_wizard"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sessions_demonstrator"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_episodes_study_started" ON "episodes" USING btree ("studyId", "startedAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9195b9787db57f3cc6dd65ef83" ON "episodes" USING btree ("status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9c019f699f72e57b131fde2284" ON "episodes" USING btree ("game") `,
    );
  }
}
