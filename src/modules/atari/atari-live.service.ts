import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { LiveState } from '../dashboard/live-overlay.js';
import { type LiveSessionHandler, LiveStatusService } from '../dashboard/live-status.service.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { EpisodeEntity, EpisodeStatus } from '../sessions/episode.entity.js';
import { FeedbackEntity, FeedbackKind } from '../sessions/feedback.entity.js';
import { SessionEntity, SessionStatus } from '../sessions/session.entity.js';
import { StudyEntity } from '../studies/study.entity.js';
import { type AtariLiveEpisode, atariLiveState } from './atari-live.js';
import { atariSettings } from './atari-session-view.js';
import { lockDemonstrator } from './demonstrator-session.js';
import { FrameBatchEntity } from './frame-batch.entity.js';
import type { FrameRecord } from '../../games/common/atari-frames.js';

const NOT_PAUSABLE =
  'An Atari session cannot be paused: the demonstrator plays alone and their game already ' +
  'pauses while their tab is hidden. End the session instead.';

const isClosed = (status: SessionStatus) =>
  status === SessionStatus.Completed || status === SessionStatus.Aborted;

/** The stored frames of a running episode: how many, and the last one. */
async function storedFrames(
  batches: Repository<FrameBatchEntity>,
  episodeId: string,
): Promise<{ frames: number; last: FrameRecord | null }> {
  const sum = await batches
    .createQueryBuilder('b')
    .select('COALESCE(SUM(b.frameCount), 0)', 'frames')
    .where('b.episodeId = :episodeId', { episodeId })
    .getRawOne<{ frames: string }>();
  const last = await batches.findOne({ where: { episodeId }, order: { firstFrame: 'DESC' } });
  return { frames: Number(sum?.frames ?? 0), last: last?.frames.at(-1) ?? null };
}

/**
 * Atari sessions in the researchers' live view: the demonstrator's phase, the running episode's
 * frames stored so far (up to the last batch acknowledged), its score and lives, read from the
 * database; and the researcher's end. A solo demonstration is not paused (409).
 */
@Injectable()
export class AtariLiveService implements LiveSessionHandler, OnModuleInit {
  private readonly logger = new Logger(AtariLiveService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(EpisodeEntity) private readonly episodes: Repository<EpisodeEntity>,
    @InjectRepository(FrameBatchEntity) private readonly batches: Repository<FrameBatchEntity>,
    @InjectRepository(FeedbackEntity) private readonly feedback: Repository<FeedbackEntity>,
    @InjectRepository(StudyEntity) private readonly studies: Repository<StudyEntity>,
    @InjectRepository(ParticipantEntity)
    private readonly participants: Repository<ParticipantEntity>,
    private readonly live: LiveStatusService,
  ) {}

  onModuleInit(): void {
    this.live.register('atari-demo', this);
  }

  async status(sessionId: string): Promise<LiveState | null> {
    const session = await this.sessions.findOne({ where: { id: sessionId } });
    if (session?.kind !== 'atari-demo') return null;
    const [study, demonstrator, rows, questionnaireAnswered] = await Promise.all([
      this.studies.findOne({ where: { id: session.studyId }, select: { id: true, config: true } }),
      session.demonstratorId
        ? this.participants.findOne({
            where: { id: session.demonstratorId },
            select: { id: true, participantId: true },
          })
        : Promise.resolve(null),
      this.episodes.find({
        where: { sessionId },
        select: { id: true, index: true, practice: true, status: true, steps: true, score: true },
        order: { index: 'ASC' },
      }),
      this.feedback.exists({ where: { sessionId, kind: FeedbackKind.Questionnaire } }),
    ]);
    const episodes = await Promise.all(
      rows.map(async (e): Promise<AtariLiveEpisode> => {
        const episode: AtariLiveEpisode = {
          id: e.id,
          index: e.index,
          practice: e.practice,
          status: e.status,
          frames: e.steps,
          score: e.score,
          lives: null,
        };
        if (e.status !== EpisodeStatus.Running) return episode;
        const { frames, last } = await storedFrames(this.batches, e.id);
        return { ...episode, frames, score: last?.score ?? 0, lives: last?.lives ?? null };
      }),
    );
    const { trialMinutes, sessionMinutes } = this.budgets(study?.config ?? {});
    return atariLiveState({
      sessionId,
      studyId: session.studyId,
      status: session.status,
      startedAt: session.startedAt,
      abortReason: session.abortReason,
      demonstrator: demonstrator
        ? { id: demonstrator.id, participantId: demonstrator.participantId }
        : null,
      episodes,
      questionnaireAnswered,
      trialMinutes,
      sessionMinutes,
    });
  }

  pause(): Promise<void> {
    return Promise.reject(new ConflictException(NOT_PAUSABLE));
  }

  resume(): Promise<void> {
    return Promise.reject(new ConflictException(NOT_PAUSABLE));
  }

  /**
   * Ends the session as aborted with the researcher's reason. A running episode is kept: it ends
   * as aborted with the frames stored so far (its page's later uploads are refused, 409).
   */
  async end(sessionId: string, reason: string): Promise<void> {
    const session = await this.db.transaction(async (tx) => {
      const sessions = tx.getRepository(SessionEntity);
      const found = await sessions.findOne({ where: { id: sessionId } });
      if (found?.kind !== 'atari-demo')
        throw new NotFoundException(`Session ${sessionId} not found`);
      // The demonstrator's own changes (a new episode, the completion) wait for this, and back.
      if (found.demonstratorId) await lockDemonstrator(tx, found.demonstratorId);
      const current = await sessions.findOneOrFail({ where: { id: sessionId } });
      if (isClosed(current.status))
        throw new ConflictException(`Session ${sessionId} has already ended (${current.status})`);
      await this.abortRunningEpisodes(tx, sessionId);
      const endedAt = new Date();
      await sessions.update(
        { id: sessionId },
        { status: SessionStatus.Aborted, phase: 'aborted', abortReason: reason, endedAt },
      );
      return current;
    });
    this.logger.log(`Session ${sessionId} ended by a researcher: ${reason}`);
    this.live.changed({ sessionId, studyId: session.studyId, kind: 'atari-demo' }, true);
  }

  private async abortRunningEpisodes(tx: EntityManager, sessionId: string): Promise<void> {
    const episodes = tx.getRepository(EpisodeEntity);
    const running = await episodes.find({
      where: { sessionId, status: EpisodeStatus.Running },
      select: { id: true },
    });
    for (const { id } of running) {
      const { frames, last } = await storedFrames(tx.getRepository(FrameBatchEntity), id);
      await episodes.update(
        { id },
        {
          status: EpisodeStatus.Aborted,
          outcome: 'aborted',
          steps: frames,
          score: last?.score ?? 0,
          endedAt: new Date(),
        },
      );
    }
  }

  /** The study's practice and session minutes (the defaults if its stored config is unreadable). */
  private budgets(config: Record<string, unknown>): {
    trialMinutes: number;
    sessionMinutes: number;
  } {
    try {
      return atariSettings(config, null);
    } catch {
      return atariSettings({}, null);
    }
  }
}
