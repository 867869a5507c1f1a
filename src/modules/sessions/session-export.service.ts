import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import type { FrameRecord } from '../../games/common/atari-frames.js';
import type { RecordingTrackView } from '../../games/common/recording.js';
import type { LevelJson, GameState } from '../../games/robotaxi/types.js';
import { FrameBatchEntity } from '../atari/frame-batch.entity.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { ClockSampleEntity } from '../recordings/clock-sample.entity.js';
import { RecordingEntity } from '../recordings/recording.entity.js';
import { toTrackView } from '../recordings/recording-view.js';
import { StudyEntity } from '../studies/study.entity.js';
import { EpisodeEntity } from './episode.entity.js';
import { FeedbackEntity, FeedbackKind } from './feedback.entity.js';
import type { SessionEntity } from './session.entity.js';
import {
  compatExport,
  type ExportStep,
  ozlabExport,
  type RobotaxiExportInput,
} from './robotaxi-export.js';
import { SessionsService } from './sessions.service.js';
import { StepEntity } from './step.entity.js';

export type ExportFormat = 'ozlab' | 'compat';

/** `GET /api/sessions/:id/export` of an Atari demonstration (`format: ozlab.atari-session/1`). */
export interface AtariSessionExport {
  format: 'ozlab.atari-session/1';
  exportedAt: string;
  study: { id: string; name: string; slug: string; config: Record<string, unknown> };
  session: {
    id: string;
    status: string;
    startedAt: string | null;
    endedAt: string | null;
    abortReason: string | null;
  };
  demonstrator: { id: string; participantId: string } | null;
  episodes: {
    id: string;
    index: number;
    practice: boolean;
    game: string;
    romMd5: string | null;
    seed: number | null;
    status: string;
    outcome: string | null;
    frameCount: number;
    score: number;
    verified: boolean | null;
    verification: EpisodeEntity['verification'];
    startedAt: string;
    endedAt: string | null;
    frames: FrameRecord[];
  }[];
  recordings: RecordingTrackView[];
  clockSamples: {
    clockId: string;
    clientSendMs: number;
    serverMs: number;
    clientRecvMs: number;
    rttMs: number;
  }[];
  /** The answers and the questions as asked, or null when not answered. */
  questionnaire: Record<string, unknown> | null;
}

/** Loads a session with everything recorded about it and builds one of its exports. */
@Injectable()
export class SessionExportService {
  constructor(
    private readonly sessions: SessionsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async export(principal: ResearcherPrincipal, sessionId: string, format: ExportFormat) {
    const session = await this.sessions.getSession(principal, sessionId);
    if (session.kind === 'atari-demo') {
      if (format === 'compat')
        throw new BadRequestException(
          'format: an Atari session has no compat log; each episode has its trajectory at ' +
            'GET /api/episodes/:id/frames?format=trajectory',
        );
      return this.atariExport(session);
    }
    const input = await this.load(principal, sessionId);
    return format === 'compat' ? compatExport(input) : ozlabExport(input, new Date());
  }

  /**
   * An Atari demonstration as JSON: the session, its episodes with every frame, the audio tracks
   * with their time mappings, the page's clock samples and the questionnaire answers.
   */
  private async atariExport(session: SessionEntity): Promise<AtariSessionExport> {
    const sessionId = session.id;
    const memberIds = session.demonstratorId ? [session.demonstratorId] : [];
    const [study, members, episodes, batches, recordings, samples, feedback] = await Promise.all([
      this.db.getRepository(StudyEntity).findOneOrFail({ where: { id: session.studyId } }),
      this.db.getRepository(ParticipantEntity).find({ where: { id: In(memberIds) } }),
      this.db.getRepository(EpisodeEntity).find({ where: { sessionId }, order: { index: 'ASC' } }),
      this.db
        .getRepository(FrameBatchEntity)
        .createQueryBuilder('b')
        .innerJoin(EpisodeEntity, 'e', 'e.id = b."episodeId"')
        .where('e."sessionId" = :sessionId', { sessionId })
        .orderBy('b."episodeId"')
        .addOrderBy('b."firstFrame"')
        .getMany(),
      this.db
        .getRepository(RecordingEntity)
        .find({ where: { sessionId }, order: { createdAt: 'ASC' } }),
      this.db.getRepository(ClockSampleEntity).find({
        where: { participantId: In(memberIds) },
        order: { serverMs: 'ASC' },
      }),
      this.db.getRepository(FeedbackEntity).find({ where: { sessionId } }),
    ]);
    const code = new Map(members.map((m) => [m.id, m.participantId]));
    const frames = new Map<string, FrameRecord[]>();
    for (const b of batches)
      frames.set(b.episodeId, [...(frames.get(b.episodeId) ?? []), ...b.frames]);
    return {
      format: 'ozlab.atari-session/1',
      exportedAt: new Date().toISOString(),
      study: { id: study.id, name: study.name, slug: study.slug, config: study.config },
      session: {
        id: session.id,
        status: session.status,
        startedAt: session.startedAt?.toISOString() ?? null,
        endedAt: session.endedAt?.toISOString() ?? null,
        abortReason: session.abortReason,
      },
      demonstrator: session.demonstratorId
        ? { id: session.demonstratorId, participantId: code.get(session.demonstratorId) ?? '?' }
        : null,
      episodes: episodes.map((e) => ({
        id: e.id,
        index: e.index,
        practice: e.practice,
        game: e.game,
        romMd5: e.romMd5,
        seed: e.seed,
        status: e.status,
        outcome: e.outcome,
        frameCount: e.steps,
        score: e.score,
        verified: e.verified,
        verification: e.verification,
        startedAt: e.startedAt.toISOString(),
        endedAt: e.endedAt?.toISOString() ?? null,
        frames: frames.get(e.id) ?? [],
      })),
      recordings: recordings.map((r) => toTrackView(r, code.get(r.participantId) ?? '?')),
      clockSamples: samples.map((s) => ({
        clockId: s.clockId,
        clientSendMs: s.clientSendMs,
        serverMs: s.serverMs,
        clientRecvMs: s.clientRecvMs,
        rttMs: s.rttMs,
      })),
      questionnaire:
        feedback
          .filter((f) => f.kind === FeedbackKind.Questionnaire)
          .map((f) => ({ ...f.payload, submittedAt: f.createdAt.toISOString() }))[0] ?? null,
    };
  }

  async load(principal: ResearcherPrincipal, sessionId: string): Promise<RobotaxiExportInput> {
    const session = await this.sessions.getSession(principal, sessionId);
    if (session.kind !== 'woz-robotaxi')
      throw new BadRequestException(`Session ${sessionId} is not a RoboTaxi session`);
    const memberIds = [session.teacherId, session.wizardId].filter((id): id is string => !!id);
    const [study, members, episodes, steps, recordings, samples, feedback] = await Promise.all([
      this.db.getRepository(StudyEntity).findOneOrFail({ where: { id: session.studyId } }),
      this.db.getRepository(ParticipantEntity).find({ where: { id: In(memberIds) } }),
      this.db.getRepository(EpisodeEntity).find({ where: { sessionId }, order: { index: 'ASC' } }),
      this.db
        .getRepository(StepEntity)
        .find({ where: { sessionId }, order: { episodeId: 'ASC', index: 'ASC' } }),
      this.db
        .getRepository(RecordingEntity)
        .find({ where: { sessionId }, order: { createdAt: 'ASC' } }),
      this.db.getRepository(ClockSampleEntity).find({
        where: { participantId: In(memberIds) },
        order: { serverMs: 'ASC' },
      }),
      this.db.getRepository(FeedbackEntity).find({ where: { sessionId } }),
    ]);
    const code = new Map(members.map((m) => [m.id, m.participantId]));
    const member = (id: string | null) =>
      id && code.has(id) ? { id, participantId: code.get(id)! } : null;
    const roleOf = (id: string) =>
      id === session.teacherId ? 'teacher' : id === session.wizardId ? 'wizard' : null;
    const byEpisode = new Map<string, ExportStep[]>();
    for (const s of steps) {
      const list = byEpisode.get(s.episodeId) ?? [];
      list.push({
        index: s.index,
        action: s.action,
        reward: s.reward,
        done: s.done,
        outcome: s.outcome,
        state: s.state,
        info: s.info,
        keypresses: s.keypresses,
        renders: s.renders,
        renderedMs: s.renderedMs,
        serverMs: s.serverMs,
      });
      byEpisode.set(s.episodeId, list);
    }
    return {
      study: { id: study.id, name: study.name, slug: study.slug, config: study.config },
      session: {
        id: session.id,
        status: session.status,
        pairing: session.pairing,
        seed: session.seed,
        startedAt: session.startedAt?.toISOString() ?? null,
        endedAt: session.endedAt?.toISOString() ?? null,
        abortReason: session.abortReason,
      },
      teacher: member(session.teacherId),
      wizard: member(session.wizardId),
      episodes: episodes.map((e) => ({
        id: e.id,
        index: e.index,
        round: e.round,
        practice: e.practice,
        status: e.status,
        outcome: e.outcome,
        score: e.score,
        seed: e.seed,
        level: e.level as LevelJson | null,
        initialState: e.initialState as GameState | null,
        startedAt: e.startedAt.toISOString(),
        endedAt: e.endedAt?.toISOString() ?? null,
        steps: byEpisode.get(e.id) ?? [],
      })),
      recordings: recordings.map((r) => ({
        ...toTrackView(r, code.get(r.participantId) ?? '?'),
        role: roleOf(r.participantId),
      })),
      clockSamples: samples.map((s) => ({
        participantId: code.get(s.participantId) ?? s.participantId,
        clockId: s.clockId,
        clientSendMs: s.clientSendMs,
        serverMs: s.serverMs,
        clientRecvMs: s.clientRecvMs,
        rttMs: s.rttMs,
      })),
      feedback: feedback.map((f) => ({
        participantId: code.get(f.participantId) ?? f.participantId,
        role: roleOf(f.participantId) ?? 'teacher',
        kind: f.kind,
        payload: f.payload,
        createdAt: f.createdAt.toISOString(),
      })),
    };
  }
}
