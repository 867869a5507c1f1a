import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import type { LevelJson, GameState } from '../../games/robotaxi/types.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { ClockSampleEntity } from '../recordings/clock-sample.entity.js';
import { RecordingEntity } from '../recordings/recording.entity.js';
import { toTrackView } from '../recordings/recording-view.js';
import { StudyEntity } from '../studies/study.entity.js';
import { EpisodeEntity } from './episode.entity.js';
import { FeedbackEntity } from './feedback.entity.js';
import {
  compatExport,
  type ExportStep,
  ozlabExport,
  type RobotaxiExportInput,
} from './robotaxi-export.js';
import { SessionsService } from './sessions.service.js';
import { StepEntity } from './step.entity.js';

export type ExportFormat = 'ozlab' | 'compat';

/** Loads a session with everything recorded about it and builds one of its exports. */
@Injectable()
export class SessionExportService {
  constructor(
    private readonly sessions: SessionsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async export(principal: ResearcherPrincipal, sessionId: string, format: ExportFormat) {
    const input = await this.load(principal, sessionId);
    return format === 'compat' ? compatExport(input) : ozlabExport(input, new Date());
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
