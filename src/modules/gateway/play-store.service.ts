import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { type DataSource, In, LessThan, Not, type Repository } from 'typeorm';
import type { EpisodeOutcome, GameState, LevelJson } from '../../games/robotaxi/types.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { EpisodeEntity, EpisodeStatus } from '../sessions/episode.entity.js';
import { FeedbackEntity, type FeedbackKind } from '../sessions/feedback.entity.js';
import { SessionEntity, SessionStatus } from '../sessions/session.entity.js';
import type { StepEntity } from '../sessions/step.entity.js';
import { StudyEntity } from '../studies/study.entity.js';

export type NewStep = Omit<StepEntity, 'episode' | 'createdAt'>;

export interface LoadedSession {
  session: SessionEntity;
  studyConfig: Record<string, unknown>;
  teacher: { id: string; participantId: string };
  wizard: { id: string; participantId: string };
}

/** TypeORM answers an UPDATE ... RETURNING with `[rows, count]` on Postgres, a SELECT with rows. */
function returnedRows<T>(result: T[] | [T[], number]): T[] {
  return Array.isArray(result[0]) ? result[0] : (result as T[]);
}

/** Steps per multi-row INSERT (13 parameters each; Postgres allows 65535). */
const STEP_BATCH = 500;

const IN_PLAY = [SessionStatus.Running, SessionStatus.Paused];

/**
 * The game loop's persistence: sessions' progress, episodes, steps, feedback, and the runner lease
 * that keeps one SessionRunner per session across API instances. Steps go in with one plain
 * INSERT each (the loop's hot path); everything else through TypeORM.
 */
@Injectable()
export class PlayStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(EpisodeEntity) private readonly episodes: Repository<EpisodeEntity>,
    @InjectRepository(FeedbackEntity) private readonly feedback: Repository<FeedbackEntity>,
    @InjectRepository(StudyEntity) private readonly studies: Repository<StudyEntity>,
    @InjectRepository(ParticipantEntity)
    private readonly participants: Repository<ParticipantEntity>,
  ) {}

  async load(sessionId: string): Promise<LoadedSession | null> {
    const session = await this.sessions.findOne({ where: { id: sessionId } });
    if (!session?.teacherId || !session.wizardId) return null;
    const [study, members] = await Promise.all([
      this.studies.findOne({ where: { id: session.studyId }, select: { id: true, config: true } }),
      this.participants.find({
        where: { id: In([session.teacherId, session.wizardId]) },
        select: { id: true, participantId: true },
      }),
    ]);
    const teacher = members.find((m) => m.id === session.teacherId);
    const wizard = members.find((m) => m.id === session.wizardId);
    if (!study || !teacher || !wizard) return null;
    return {
      session,
      studyConfig: study.config,
      teacher: { id: teacher.id, participantId: teacher.participantId },
      wizard: { id: wizard.id, participantId: wizard.participantId },
    };
  }

  /**
   * The session with its study's config and members, whoever is missing (a deleted participant):
   * what the live view shows of a session without a runner in this process.
   */
  async stored(sessionId: string): Promise<{
    session: SessionEntity;
    studyConfig: Record<string, unknown>;
    teacher: { id: string; participantId: string } | null;
    wizard: { id: string; participantId: string } | null;
  } | null> {
    const session = await this.sessions.findOne({ where: { id: sessionId } });
    if (!session) return null;
    const ids = [session.teacherId, session.wizardId].filter((id): id is string => !!id);
    const [study, members] = await Promise.all([
      this.studies.findOne({ where: { id: session.studyId }, select: { id: true, config: true } }),
      ids.length
        ? this.participants.find({
            where: { id: In(ids) },
            select: { id: true, participantId: true },
          })
        : Promise.resolve([]),
    ]);
    const pick = (id: string | null) => {
      const found = members.find((m) => m.id === id);
      return found ? { id: found.id, participantId: found.participantId } : null;
    };
    return {
      session,
      studyConfig: study?.config ?? {},
      teacher: pick(session.teacherId),
      wizard: pick(session.wizardId),
    };
  }

  async saveSession(
    sessionId: string,
    patch: Partial<
      Pick<SessionEntity, 'phase' | 'status' | 'progress' | 'startedAt' | 'endedAt' | 'abortReason'>
    >,
  ): Promise<void> {
    if (patch.status !== SessionStatus.Completed) {
      await this.sessions.update({ id: sessionId }, patch as QueryDeepPartialEntity<SessionEntity>);
      return;
    }
    // A completed session completes its teacher and wizard (as an Atari session completes its
    // demonstrator), in the same transaction; a withdrawal is never undone.
    await this.db.transaction(async (tx) => {
      await tx.update(
        SessionEntity,
        { id: sessionId },
        patch as QueryDeepPartialEntity<SessionEntity>,
      );
      const session = await tx.findOne(SessionEntity, {
        where: { id: sessionId },
        select: { id: true, teacherId: true, wizardId: true },
      });
      const members = [session?.teacherId, session?.wizardId].filter((id): id is string => !!id);
      if (members.length)
        await tx.update(
          ParticipantEntity,
          { id: In(members), status: Not('withdrawn') },
          { status: 'completed' },
        );
    });
  }

  /** Creates the episode (or returns it when a crash came between its creation and the loop's). */
  async createEpisode(row: {
    sessionId: string;
    studyId: string;
    index: number;
    round: number;
    practice: boolean;
    seed: number;
    level: LevelJson;
    initialState: GameState;
    startedAt: Date;
  }): Promise<EpisodeEntity> {
    const existing = await this.episodes.findOne({
      where: { sessionId: row.sessionId, index: row.index },
    });
    if (existing) return existing;
    return this.episodes.save(
      this.episodes.create({
        ...row,
        game: 'robotaxi',
        status: EpisodeStatus.Running,
        level: row.level as unknown as Record<string, unknown>,
        initialState: row.initialState as unknown as Record<string, unknown>,
      }),
    );
  }

  async endEpisode(
    episodeId: string,
    end: {
      status: EpisodeStatus;
      outcome: EpisodeOutcome | 'disconnect';
      steps: number;
      score: number;
    },
  ): Promise<void> {
    await this.episodes.update({ id: episodeId }, { ...end, endedAt: new Date() });
  }

  async episode(episodeId: string): Promise<EpisodeEntity | null> {
    return this.episodes.findOne({ where: { id: episodeId } });
  }

  /**
   * Stores one step. Steps of all sessions are written together (group commit): while one INSERT
   * is in flight the next steps queue, then go in as one multi-row INSERT, one transaction. A
   * commit costs the same for one row or a hundred, so 100 sessions stepping 10 times a second
   * cost tens of commits a second, not a thousand. Resolves once the step's row is committed.
   */
  insertStep(step: NewStep): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pendingSteps.push({ step, resolve, reject });
      if (!this.writing) void this.flushSteps();
    });
  }

  private readonly pendingSteps: {
    step: NewStep;
    resolve: () => void;
    reject: (error: unknown) => void;
  }[] = [];
  private writing = false;

  private async flushSteps(): Promise<void> {
    this.writing = true;
    try {
      while (this.pendingSteps.length) {
        const batch = this.pendingSteps.splice(0, STEP_BATCH);
        try {
          await this.writeSteps(batch.map((b) => b.step));
          for (const b of batch) b.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One bad row must not fail the others: write them one by one.
          for (const b of batch)
            await this.writeSteps([b.step]).then(b.resolve, (e: unknown) => b.reject(e));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeSteps(steps: NewStep[]): Promise<void> {
    const params: unknown[] = [];
    const rows = steps.map((step) => {
      const at = params.length;
      params.push(
        step.episodeId,
        step.index,
        step.sessionId,
        step.action,
        step.reward,
        step.done,
        step.outcome,
        JSON.stringify(step.state),
        JSON.stringify(step.info),
        JSON.stringify(step.keypresses),
        JSON.stringify(step.renders),
        step.renderedMs,
        step.serverMs,
      );
      return `(${Array.from({ length: 13 }, (_, i) => `$${at + i + 1}`).join(', ')})`;
    });
    await this.db.query(
      `INSERT INTO "steps" ("episodeId", "index", "sessionId", "action", "reward", "done", "outcome",
        "state", "info", "keypresses", "renders", "renderedMs", "serverMs")
       VALUES ${rows.join(', ')}`,
      params,
    );
  }

  /** The last persisted step of an episode (where a resume continues). */
  async lastStep(episodeId: string): Promise<{ index: number; state: GameState } | null> {
    const rows = await this.db.query<{ index: number; state: GameState }[]>(
      `SELECT "index", "state" FROM "steps" WHERE "episodeId" = $1 ORDER BY "index" DESC LIMIT 1`,
      [episodeId],
    );
    return rows[0] ?? null;
  }

  async saveFeedback(row: {
    sessionId: string;
    participantId: string;
    kind: FeedbackKind;
    payload: Record<string, unknown>;
  }): Promise<void> {
    try {
      await this.feedback.insert(row as QueryDeepPartialEntity<FeedbackEntity>);
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new ConflictException('Your feedback for this session is already saved');
      throw error;
    }
  }

  async feedbackDone(sessionId: string): Promise<{ teacher: boolean; wizard: boolean }> {
    const rows = await this.feedback.find({ where: { sessionId }, select: { kind: true } });
    return {
      teacher: rows.some((r) => r.kind === ('teacher-debrief' as FeedbackKind)),
      wizard: rows.some((r) => r.kind === ('wizard-path' as FeedbackKind)),
    };
  }

  /**
   * Takes (or renews) the lease of a session for this instance. True when this instance holds it
   * until `now + leaseMs`; false when another live instance does.
   */
  async acquireLease(sessionId: string, instanceId: string, leaseMs: number): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await this.db.query(
        `UPDATE "sessions" SET "runnerId" = $2, "runnerLeaseUntil" = now() + ($3 * interval '1 millisecond')
       WHERE "id" = $1 AND ("runnerId" IS NULL OR "runnerId" = $2 OR "runnerLeaseUntil" < now())
       RETURNING "id"`,
        [sessionId, instanceId, leaseMs],
      ),
    );
    return rows.length === 1;
  }

  /** Renews this instance's leases; returns the sessions it still holds. */
  async renewLeases(
    sessionIds: string[],
    instanceId: string,
    leaseMs: number,
  ): Promise<Set<string>> {
    if (!sessionIds.length) return new Set();
    const rows = returnedRows<{ id: string }>(
      await this.db.query(
        `UPDATE "sessions" SET "runnerLeaseUntil" = now() + ($3 * interval '1 millisecond')
       WHERE "id" = ANY($1::uuid[]) AND "runnerId" = $2 RETURNING "id"`,
        [sessionIds, instanceId, leaseMs],
      ),
    );
    return new Set(rows.map((r) => r.id));
  }

  async releaseLease(sessionId: string, instanceId: string): Promise<void> {
    await this.db.query(
      `UPDATE "sessions" SET "runnerId" = NULL, "runnerLeaseUntil" = NULL
       WHERE "id" = $1 AND "runnerId" = $2`,
      [sessionId, instanceId],
    );
  }

  /** Open RoboTaxi sessions whose runner is gone (this instance's from before a restart, or expired). */
  async orphanedSessions(instanceId: string): Promise<string[]> {
    const rows = await this.sessions.find({
      where: [
        { kind: 'woz-robotaxi', status: In(IN_PLAY), runnerId: instanceId },
        { kind: 'woz-robotaxi', status: In(IN_PLAY), runnerLeaseUntil: LessThan(new Date()) },
      ],
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /** Whether the session is still open (a researcher may have aborted it meanwhile). */
  async isOpen(sessionId: string): Promise<boolean> {
    return this.sessions.exists({
      where: { id: sessionId, status: Not(In([SessionStatus.Completed, SessionStatus.Aborted])) },
    });
  }
}
