import { createHash, randomInt } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { type FrameRecord, frameBatchSchema } from '../../games/common/atari-frames.js';
import { parsePayload } from '../../games/common/robotaxi-events.js';
import { profileById } from '../../games/atari/games.js';
import type { LiveSessionRef } from '../dashboard/live-status.service.js';
import { LiveStatusService } from '../dashboard/live-status.service.js';
import type { ParticipantPrincipal, ResearcherPrincipal } from '../participants/auth.types.js';
import { EpisodeEntity, EpisodeStatus } from '../sessions/episode.entity.js';
import { SessionEntity, SessionStatus } from '../sessions/session.entity.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { RomsService } from '../roms/roms.service.js';
import { StudyEntity } from '../studies/study.entity.js';
import type { EndAtariEpisodeDto, StartAtariEpisodeDto } from './atari.dto.js';
import { EpisodeVerifier } from './episode-verifier.service.js';
import { currentSession, demonstratorStudy, lockDemonstrator } from './demonstrator-session.js';
import { FrameBatchEntity } from './frame-batch.entity.js';

/** The live view's handle of an episode's session. */
const liveRef = (episode: EpisodeEntity): LiveSessionRef => ({
  sessionId: episode.sessionId,
  studyId: episode.studyId,
  kind: 'atari-demo',
});

export interface BatchAck {
  status: 'stored' | 'duplicate';
  seq: number;
  firstFrame: number;
  frames: number;
}

/** Frames 0..n-1 not covered by any batch, as `[from, to]` ranges (inclusive). */
export function missingRanges(
  batches: { firstFrame: number; frameCount: number }[],
  total: number,
): [number, number][] {
  const sorted = [...batches].sort((a, b) => a.firstFrame - b.firstFrame);
  const missing: [number, number][] = [];
  let next = 0;
  for (const b of sorted) {
    if (b.firstFrame > next) missing.push([next, Math.min(b.firstFrame, total) - 1]);
    next = Math.max(next, b.firstFrame + b.frameCount);
    if (next >= total) break;
  }
  if (next < total) missing.push([next, total - 1]);
  return missing.filter(([a, b]) => a <= b);
}

/**
 * The demonstrator's episodes and their frame log (flow 4): start an episode, upload ~1 s frame
 * batches (each persisted before it is acknowledged, idempotent by seq), end it once every frame
 * is stored; and the researcher's read of the frames.
 */
@Injectable()
export class AtariEpisodesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(EpisodeEntity) private readonly episodes: Repository<EpisodeEntity>,
    @InjectRepository(FrameBatchEntity) private readonly batches: Repository<FrameBatchEntity>,
    @InjectRepository(StudyEntity) private readonly studies: Repository<StudyEntity>,
    private readonly sessionsRead: SessionsService,
    private readonly verifier: EpisodeVerifier,
    private readonly roms: RomsService,
    private readonly live: LiveStatusService,
  ) {}

  /**
   * Starts an episode of the study's ROM in the demonstrator's open session (the first episode
   * opens one). A demonstrator whose latest session is completed starts no more (409).
   */
  async start(principal: ParticipantPrincipal, dto: StartAtariEpisodeDto): Promise<EpisodeEntity> {
    const study = await demonstratorStudy(this.studies, principal);
    const romId = study.config.romId;
    if (typeof romId !== 'string' || !romId)
      throw new ConflictException('This study names no ROM yet: please tell the researcher');
    const rom = await this.roms.byId(romId).catch(() => {
      throw new ConflictException(
        "This study's ROM is not in the library: please tell the researcher",
      );
    });
    if (!profileById(rom.profileId))
      throw new ConflictException(
        `The study's ROM is bound to an unknown game profile ${rom.profileId}`,
      );
    const episode = await this.db.transaction(async (tx) => {
      await lockDemonstrator(tx, principal.id);
      const sessions = tx.getRepository(SessionEntity);
      const episodes = tx.getRepository(EpisodeEntity);
      let session = await currentSession(sessions, principal.id);
      if (session?.status === SessionStatus.Completed)
        throw new ConflictException(
          'Your session is completed: thank you! There is nothing more to play',
        );
      if (!session || session.status === SessionStatus.Aborted)
        session = await sessions.save(
          sessions.create({
            studyId: principal.studyId,
            kind: 'atari-demo',
            status: SessionStatus.Running,
            phase: 'playing',
            demonstratorId: principal.id,
            startedAt: new Date(),
          }),
        );
      const open = await episodes.findOne({
        where: { sessionId: session.id, status: EpisodeStatus.Running },
      });
      if (open)
        throw new ConflictException(
          `Episode ${open.index} (${open.id}) is still running: end it before starting another`,
        );
      const index = await episodes.count({ where: { sessionId: session.id } });
      return episodes.save(
        episodes.create({
          sessionId: session.id,
          studyId: session.studyId,
          index,
          round: null,
          practice: dto.practice ?? false,
          game: rom.profileId,
          romMd5: rom.md5,
          // The emulator's power-on state: the client creates its machine with this seed.
          seed: randomInt(0, 2 ** 31 - 1),
          status: EpisodeStatus.Running,
          startedAt: new Date(),
        }),
      );
    });
    this.live.changed(liveRef(episode), true);
    return episode;
  }

  private async ownEpisode(principal: ParticipantPrincipal, episodeId: string) {
    const episode = await this.episodes.findOne({ where: { id: episodeId } });
    if (!episode) throw new NotFoundException(`Episode ${episodeId} not found`);
    const session = await this.sessions.findOne({
      where: { id: episode.sessionId },
      select: { id: true, demonstratorId: true },
    });
    if (session?.demonstratorId !== principal.id)
      throw new ForbiddenException(`Episode ${episodeId} is not yours`);
    return episode;
  }

  async putBatch(
    principal: ParticipantPrincipal,
    episodeId: string,
    seq: number,
    body: unknown,
  ): Promise<BatchAck> {
    const parsed = parsePayload(frameBatchSchema, body);
    if (!parsed.ok) throw new BadRequestException({ message: parsed.error, errors: parsed.errors });
    const frames = parsed.value.frames;
    const episode = await this.ownEpisode(principal, episodeId);
    const sha256 = createHash('sha256').update(JSON.stringify(frames)).digest('hex');
    const firstFrame = frames[0].frame;
    const ack: BatchAck = { status: 'stored', seq, firstFrame, frames: frames.length };
    const same = await this.batches.findOne({
      where: { episodeId, seq },
      select: { seq: true, sha256: true },
    });
    if (same) {
      if (same.sha256 === sha256) return { ...ack, status: 'duplicate' };
      throw new ConflictException(`Batch ${seq} of episode ${episodeId} holds other frames`);
    }
    if (episode.status !== EpisodeStatus.Running)
      throw new ConflictException(`Episode ${episodeId} has ended (${episode.status})`);
    const overlap = await this.batches
      .createQueryBuilder('b')
      .select(['b.seq', 'b.firstFrame', 'b.frameCount'])
      .where('b.episodeId = :episodeId', { episodeId })
      .andWhere('b.firstFrame < :end AND b.firstFrame + b.frameCount > :start', {
        start: firstFrame,
        end: firstFrame + frames.length,
      })
      .getOne();
    if (overlap)
      throw new ConflictException(
        `Frames ${firstFrame}–${firstFrame + frames.length - 1} overlap batch ${overlap.seq} ` +
          `(frames ${overlap.firstFrame}–${overlap.firstFrame + overlap.frameCount - 1})`,
      );
    try {
      await this.batches.insert({
        episodeId,
        seq,
        firstFrame,
        frameCount: frames.length,
        frames,
        sha256,
      });
    } catch (error) {
      // The same batch raced in from a retry: answer as the winner would have been answered.
      if ((error as { code?: string }).code !== '23505') throw error;
      return this.putBatch(principal, episodeId, seq, body);
    }
    this.live.framesStored(liveRef(episode));
    return ack;
  }

  async end(
    principal: ParticipantPrincipal,
    episodeId: string,
    dto: EndAtariEpisodeDto,
  ): Promise<EpisodeEntity> {
    const episode = await this.ownEpisode(principal, episodeId);
    if (episode.status !== EpisodeStatus.Running) {
      if (episode.steps === dto.frames) return episode; // a retried end
      throw new ConflictException(`Episode ${episodeId} has already ended`);
    }
    const batches = await this.batches.find({
      where: { episodeId },
      select: { firstFrame: true, frameCount: true, seq: true },
    });
    const stored = batches.reduce((n, b) => n + b.frameCount, 0);
    const missing = missingRanges(batches, dto.frames);
    if (missing.length || stored !== dto.frames)
      throw new ConflictException({
        message:
          `Episode ${episodeId}: ${stored} of ${dto.frames} frames stored` +
          (missing.length ? `; missing ${missing.map(([a, b]) => `${a}–${b}`).join(', ')}` : ''),
        errors: missing.map(([a, b]) => ({ field: 'frames', reason: `missing ${a}–${b}` })),
      });
    const last = await this.lastFrame(episodeId);
    episode.status = EpisodeStatus.Completed;
    episode.outcome = dto.outcome;
    episode.steps = dto.frames;
    episode.score = last?.score ?? 0;
    episode.endedAt = new Date();
    const saved = await this.episodes.save(episode);
    this.live.changed(liveRef(saved), true);
    await this.verifier.enqueue(saved.id);
    return saved;
  }

  private async lastFrame(episodeId: string): Promise<FrameRecord | null> {
    const batch = await this.batches.findOne({
      where: { episodeId },
      order: { firstFrame: 'DESC' },
    });
    return batch?.frames.at(-1) ?? null;
  }

  /** Every stored frame of an episode, in order (researchers). */
  async frames(
    principal: ResearcherPrincipal,
    episodeId: string,
  ): Promise<{ episode: EpisodeEntity; frames: FrameRecord[] }> {
    const episode = await this.sessionsRead.getEpisode(principal, episodeId);
    const batches = await this.batches.find({ where: { episodeId }, order: { firstFrame: 'ASC' } });
    return { episode, frames: batches.flatMap((b) => b.frames) };
  }
}
