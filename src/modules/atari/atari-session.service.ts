import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, Not, type Repository } from 'typeorm';
import {
  type AtariEpisodeSummary,
  type AtariSessionView,
  type CompleteSessionRequest,
  completeSessionRequestSchema,
  type Question,
  questionnaireSubmissionSchema,
} from '../../games/common/atari-session.js';
import { parsePayload } from '../../games/common/robotaxi-events.js';
import { profileById } from '../../games/atari/games.js';
import type { ParticipantPrincipal } from '../participants/auth.types.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { RecordingEntity, RecordingStatus } from '../recordings/recording.entity.js';
import { RomsService } from '../roms/roms.service.js';
import { EpisodeEntity, EpisodeStatus } from '../sessions/episode.entity.js';
import { FeedbackEntity, FeedbackKind } from '../sessions/feedback.entity.js';
import { SessionEntity, SessionStatus } from '../sessions/session.entity.js';
import { LiveStatusService } from '../dashboard/live-status.service.js';
import { StudyEntity } from '../studies/study.entity.js';
import { atariSettings, type RomInfo, sessionProgress } from './atari-session-view.js';
import { currentSession, demonstratorStudy, lockDemonstrator } from './demonstrator-session.js';
import { FrameBatchEntity } from './frame-batch.entity.js';
import { answerProblems, type FieldProblem, sameAnswers } from './questionnaire.js';

/** What `FeedbackEntity.payload` holds for `FeedbackKind.Questionnaire`. */
export interface QuestionnairePayload {
  answers: Record<string, string | number>;
  /** The questions as they were asked (the study's questionnaire may change later). */
  questions: Question[];
}

const STATUS_OF: Record<SessionStatus, AtariSessionView['status']> = {
  [SessionStatus.Waiting]: 'running',
  [SessionStatus.Running]: 'running',
  [SessionStatus.Paused]: 'running',
  [SessionStatus.Completed]: 'completed',
  [SessionStatus.Aborted]: 'aborted',
};

const isOpen = (s: SessionEntity) =>
  s.status !== SessionStatus.Completed && s.status !== SessionStatus.Aborted;

const conflict = (message: string, errors: FieldProblem[]) =>
  new ConflictException({
    message: `${message}: ${errors.map((e) => e.reason).join('; ')}`,
    errors,
  });

/**
 * The demonstrator's session as a whole (flow 4): what the client reads to run the flow
 * (`AtariSessionView`), the questionnaire after the recorded play, and the completion gate that
 * hands out the completion code only once everything has arrived. Episodes and their frames are
 * `AtariEpisodesService`'s.
 */
@Injectable()
export class AtariSessionService {
  private readonly logger = new Logger(AtariSessionService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(EpisodeEntity) private readonly episodes: Repository<EpisodeEntity>,
    @InjectRepository(FrameBatchEntity) private readonly batches: Repository<FrameBatchEntity>,
    @InjectRepository(FeedbackEntity) private readonly feedback: Repository<FeedbackEntity>,
    @InjectRepository(StudyEntity) private readonly studies: Repository<StudyEntity>,
    private readonly roms: RomsService,
    private readonly live: LiveStatusService,
  ) {}

  async view(principal: ParticipantPrincipal): Promise<AtariSessionView> {
    const study = await demonstratorStudy(this.studies, principal);
    return this.buildView(principal, study, await currentSession(this.sessions, principal.id));
  }

  /**
   * Stores the demonstrator's answers once, with the questions asked. The same answers again
   * answer as the first time did; other answers are refused (409).
   */
  async submitQuestionnaire(
    principal: ParticipantPrincipal,
    body: unknown,
  ): Promise<AtariSessionView> {
    const parsed = parsePayload(questionnaireSubmissionSchema, body);
    if (!parsed.ok) throw new BadRequestException({ message: parsed.error, errors: parsed.errors });
    const { answers } = parsed.value;
    const study = await demonstratorStudy(this.studies, principal);
    const questions = atariSettings(study.config, null).questionnaire;
    const session = await this.db.transaction(async (tx) => {
      await lockDemonstrator(tx, principal.id);
      const session = await this.sessionOrConflict(tx, principal);
      const stored = await tx.getRepository(FeedbackEntity).findOne({
        where: { sessionId: session.id, participantId: principal.id },
      });
      if (stored) {
        const previous = (stored.payload as Partial<QuestionnairePayload>).answers ?? {};
        if (stored.kind === FeedbackKind.Questionnaire && sameAnswers(previous, answers))
          return session; // a retried submission
        throw new ConflictException(
          'Your answers to the questionnaire are already saved and cannot be changed',
        );
      }
      if (!isOpen(session))
        throw new ConflictException(`Your session has ended (${session.status})`);
      await this.refuseRunningEpisode(tx, session, 'answering the questionnaire');
      const problems = answerProblems(questions, answers);
      if (problems.length)
        throw new BadRequestException({
          message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
          errors: problems,
        });
      const payload: QuestionnairePayload = { answers, questions };
      const feedback = tx.getRepository(FeedbackEntity);
      await feedback.save(
        feedback.create({
          sessionId: session.id,
          participantId: principal.id,
          kind: FeedbackKind.Questionnaire,
          payload: payload as unknown as Record<string, unknown>,
        }),
      );
      return session;
    });
    this.liveChanged(session);
    return this.buildView(principal, study, session);
  }

  /**
   * The completion gate: the session is completed (and the participant with it) only when no
   * episode is running, a recorded episode has ended, the questionnaire is answered and every
   * audio track of the session is finalized. Otherwise 409 with everything still missing.
   */
  async complete(principal: ParticipantPrincipal, body: unknown): Promise<AtariSessionView> {
    const parsed = parsePayload(completeSessionRequestSchema, body);
    if (!parsed.ok) throw new BadRequestException({ message: parsed.error, errors: parsed.errors });
    const study = await demonstratorStudy(this.studies, principal);
    const { questionnaire } = atariSettings(study.config, null);
    let completedNow = false;
    const session = await this.db.transaction(async (tx) => {
      await lockDemonstrator(tx, principal.id);
      const session = await this.sessionOrConflict(tx, principal);
      if (session.status === SessionStatus.Completed) return session; // a retried completion
      if (session.status === SessionStatus.Aborted)
        throw new ConflictException('Your session was aborted: it cannot be completed');
      const missing = [
        ...(await this.episodeProblems(tx, session)),
        ...(await this.questionnaireProblems(tx, session, principal, questionnaire.length > 0)),
        ...(await this.trackProblems(tx, session, principal, parsed.value)),
      ];
      if (missing.length) throw conflict('The session cannot be completed yet', missing);
      const endedAt = new Date();
      await tx
        .getRepository(SessionEntity)
        .update(
          { id: session.id },
          { status: SessionStatus.Completed, endedAt, phase: 'complete' },
        );
      await tx
        .getRepository(ParticipantEntity)
        .update({ id: principal.id, status: Not('withdrawn') }, { status: 'completed' });
      completedNow = true;
      return Object.assign(session, {
        status: SessionStatus.Completed,
        endedAt,
        phase: 'complete',
      });
    });
    if (completedNow) {
      this.logger.log(`Session ${session.id} of ${principal.participantId} completed`);
      this.liveChanged(session);
    }
    return this.buildView(principal, study, session);
  }

  /** The researchers' live view shows the demonstrator's phase. */
  private liveChanged(session: SessionEntity): void {
    this.live.changed(
      { sessionId: session.id, studyId: session.studyId, kind: 'atari-demo' },
      true,
    );
  }

  private async sessionOrConflict(
    tx: EntityManager,
    principal: ParticipantPrincipal,
  ): Promise<SessionEntity> {
    const session = await currentSession(tx.getRepository(SessionEntity), principal.id);
    if (!session)
      throw new ConflictException({
        message: 'You have no session yet: it starts with your first episode',
        errors: [{ field: 'session', reason: 'not started' }],
      });
    return session;
  }

  private async refuseRunningEpisode(tx: EntityManager, session: SessionEntity, doing: string) {
    const running = await tx.getRepository(EpisodeEntity).findOne({
      where: { sessionId: session.id, status: EpisodeStatus.Running },
      select: { id: true, index: true },
    });
    if (running)
      throw new ConflictException(
        `Episode ${running.index} (${running.id}) is still running: end it before ${doing}`,
      );
  }

  private async episodeProblems(tx: EntityManager, session: SessionEntity) {
    const episodes = await tx.getRepository(EpisodeEntity).find({
      where: { sessionId: session.id },
      select: { id: true, index: true, status: true, practice: true },
      order: { index: 'ASC' },
    });
    const problems: FieldProblem[] = episodes
      .filter((e) => e.status === EpisodeStatus.Running)
      .map((e) => ({ field: 'episodes', reason: `episode ${e.index} (${e.id}) is still running` }));
    if (!episodes.some((e) => !e.practice && e.status !== EpisodeStatus.Running))
      problems.push({ field: 'episodes', reason: 'no recorded (non-practice) episode has ended' });
    return problems;
  }

  private async questionnaireProblems(
    tx: EntityManager,
    session: SessionEntity,
    principal: ParticipantPrincipal,
    asked: boolean,
  ): Promise<FieldProblem[]> {
    if (!asked) return [];
    const answered = await tx.getRepository(FeedbackEntity).exists({
      where: {
        sessionId: session.id,
        participantId: principal.id,
        kind: FeedbackKind.Questionnaire,
      },
    });
    return answered
      ? []
      : [{ field: 'questionnaire', reason: 'the questionnaire is not answered' }];
  }

  /** Each listed track must be the caller's, of this session and finalized; so must the others. */
  private async trackProblems(
    tx: EntityManager,
    session: SessionEntity,
    principal: ParticipantPrincipal,
    request: CompleteSessionRequest,
  ): Promise<FieldProblem[]> {
    const recordings = tx.getRepository(RecordingEntity);
    const ids = [...new Set(request.trackIds)];
    const rows = ids.length ? await recordings.find({ where: { id: In(ids) } }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const problems: FieldProblem[] = [];
    request.trackIds.forEach((id, i) => {
      if (request.trackIds.indexOf(id) !== i) return;
      const field = `trackIds.${i}`;
      const row = byId.get(id);
      if (!row) problems.push({ field, reason: `track ${id} is unknown` });
      else if (row.participantId !== principal.id)
        problems.push({ field, reason: `track ${id} is not one of your tracks` });
      else if (row.sessionId !== session.id)
        problems.push({ field, reason: `track ${id} is not a track of this session` });
      else if (row.status !== RecordingStatus.Finalized)
        problems.push({
          field,
          reason: `track ${id} (${row.kind}) is ${row.status}, not finalized`,
        });
    });
    const others = await recordings.find({
      where: {
        sessionId: session.id,
        status: Not(In([RecordingStatus.Finalized, RecordingStatus.Deleted])),
        ...(ids.length ? { id: Not(In(ids)) } : {}),
      },
      select: { id: true, kind: true, status: true },
      order: { createdAt: 'ASC' },
    });
    for (const r of others)
      problems.push({
        field: 'recordings',
        reason: `track ${r.id} (${r.kind}) of this session is ${r.status}, not finalized`,
      });
    return problems;
  }

  private async romInfo(config: Record<string, unknown>): Promise<RomInfo | null> {
    const romId = config.romId;
    if (typeof romId !== 'string' || !romId) return null;
    const rom = await this.roms.byId(romId).catch((error: unknown) => {
      if (error instanceof NotFoundException) return null;
      throw error;
    });
    if (!rom) return null;
    const profile = profileById(rom.profileId);
    return { id: rom.id, md5: rom.md5, profileId: rom.profileId, gameName: profile?.name ?? null };
  }

  private async buildView(
    principal: ParticipantPrincipal,
    study: StudyEntity,
    session: SessionEntity | null,
  ): Promise<AtariSessionView> {
    const settings = atariSettings(study.config, await this.romInfo(study.config));
    if (!session)
      return {
        sessionId: null,
        status: 'not-started',
        settings,
        practiceDone: sessionProgress([], settings.trialMinutes).practiceDone,
        playedMs: 0,
        episodes: [],
        questionnaireAnswered: false,
        completion: null,
      };
    const [episodes, questionnaireAnswered] = await Promise.all([
      this.episodeSummaries(session.id),
      this.feedback.exists({
        where: {
          sessionId: session.id,
          participantId: principal.id,
          kind: FeedbackKind.Questionnaire,
        },
      }),
    ]);
    const { practiceDone, playedMs } = sessionProgress(episodes, settings.trialMinutes);
    const config = study.config;
    const completed = session.status === SessionStatus.Completed;
    return {
      sessionId: session.id,
      status: STATUS_OF[session.status],
      settings,
      practiceDone,
      playedMs,
      episodes,
      questionnaireAnswered,
      completion: completed
        ? {
            code: typeof config.completionCode === 'string' ? config.completionCode : null,
            redirectUrl:
              typeof config.completionRedirectUrl === 'string'
                ? config.completionRedirectUrl
                : null,
          }
        : null,
    };
  }

  /** The session's episodes in order; a running one counts the frames stored so far. */
  private async episodeSummaries(sessionId: string): Promise<AtariEpisodeSummary[]> {
    const rows = await this.episodes.find({ where: { sessionId }, order: { index: 'ASC' } });
    return Promise.all(
      rows.map(async (e): Promise<AtariEpisodeSummary> => {
        const summary: AtariEpisodeSummary = {
          id: e.id,
          index: e.index,
          practice: e.practice,
          status: e.status,
          outcome: e.outcome,
          frames: e.steps,
          score: e.score,
          seed: e.seed ?? 0,
        };
        if (e.status !== EpisodeStatus.Running) return summary;
        const stored = await this.batches
          .createQueryBuilder('b')
          .select('COALESCE(SUM(b.frameCount), 0)', 'frames')
          .where('b.episodeId = :id', { id: e.id })
          .getRawOne<{ frames: string }>();
        const last = await this.batches.findOne({
          where: { episodeId: e.id },
          order: { firstFrame: 'DESC' },
        });
        return {
          ...summary,
          frames: Number(stored?.frames ?? 0),
          score: last?.frames.at(-1)?.score ?? 0,
        };
      }),
    );
  }
}
