import { createHash } from 'node:crypto';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { JOYSTICK_BITS, type FrameRecord } from '../../games/common/atari-frames.js';
import { profileById } from '../../games/atari/games.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { EpisodeEntity, EpisodeStatus } from '../sessions/episode.entity.js';
import { SessionEntity, SessionStatus } from '../sessions/session.entity.js';
import { sessionKey } from '../storage/storage-keys.js';
import { StorageService } from '../storage/storage.service.js';
import { StudiesService } from '../studies/studies.service.js';
import { FrameBatchEntity } from './frame-batch.entity.js';
import { importLegacyTrajectory, TrajectoryImportError } from './trajectory-format.js';

/** Javatari control codes (see trajectory-format.ts) back to joystick bits. */
const CONTROL_BITS: Record<string, number> = {
  '11': JOYSTICK_BITS.up,
  '12': JOYSTICK_BITS.down,
  '13': JOYSTICK_BITS.left,
  '14': JOYSTICK_BITS.right,
  '15': JOYSTICK_BITS.fire,
};
const BATCH = 600;

export interface ImportResult {
  sessionId: string;
  episodeId: string;
  frames: number;
  finalScore: number;
}

/**
 * Imports a trajectory file of the study OzLab replaces, for viewing: a completed session and
 * episode (outcome `imported`) whose frames carry the file's actions, rewards, scores and times.
 * Its Javatari save state cannot be loaded by 6502.ts: the original file is kept verbatim in
 * storage, and the episode has no frames to re-emulate (it is never verified). The times are
 * the file's ms since game start (`emuMs`); `clientMs` is the import's start plus those ms, as no
 * server clock existed then.
 */
@Injectable()
export class TrajectoryImportService {
  constructor(
    private readonly studies: StudiesService,
    private readonly storage: StorageService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async import(
    principal: ResearcherPrincipal,
    studyId: string,
    profileId: string,
    text: string,
  ): Promise<ImportResult> {
    const study = await this.studies.findAccessible(principal, studyId);
    if (study.kind !== 'atari-demo')
      throw new BadRequestException('studyId: trajectories are imported into Atari studies');
    if (!profileById(profileId))
      throw new BadRequestException(`profileId: no game profile ${profileId}`);
    let imported;
    try {
      imported = importLegacyTrajectory(text);
    } catch (error) {
      if (!(error instanceof TrajectoryImportError)) throw error;
      throw new BadRequestException({
        message: `The file is not a trajectory: ${error.message}`,
        errors: error.problems.map((reason) => ({ field: 'body', reason })),
      });
    }
    const startedAt = new Date();
    const frames: FrameRecord[] = imported.frames.map((f) => ({
      frame: f.frame,
      action: f.action,
      joystick: Object.entries(f.keysPressed).reduce(
        (bits, [code, down]) => (down ? bits | (CONTROL_BITS[code] ?? 0) : bits),
        0,
      ),
      reward: f.reward,
      score: f.score,
      lives: null,
      terminal: f.terminal,
      emuMs: f.timeMs,
      clientMs: startedAt.getTime() + f.timeMs,
    }));
    // One transaction: an import is there whole or not at all.
    const result = await this.db.transaction(async (tx) => {
      const session = await tx.getRepository(SessionEntity).save(
        tx.getRepository(SessionEntity).create({
          studyId,
          kind: 'atari-demo',
          status: SessionStatus.Completed,
          phase: 'imported',
          startedAt,
          endedAt: startedAt,
        }),
      );
      const episode = await tx.getRepository(EpisodeEntity).save(
        tx.getRepository(EpisodeEntity).create({
          sessionId: session.id,
          studyId,
          index: 0,
          round: null,
          practice: false,
          game: profileId,
          status: EpisodeStatus.Completed,
          outcome: 'imported',
          steps: frames.length,
          score: imported.finalScore,
          startedAt,
          endedAt: startedAt,
        }),
      );
      for (let i = 0; i * BATCH < frames.length; i++) {
        const part = frames.slice(i * BATCH, (i + 1) * BATCH);
        await tx.getRepository(FrameBatchEntity).insert({
          episodeId: episode.id,
          seq: i,
          firstFrame: part[0].frame,
          frameCount: part.length,
          frames: part,
          sha256: createHash('sha256').update(JSON.stringify(part)).digest('hex'),
        });
      }
      return { sessionId: session.id, episodeId: episode.id };
    });
    await this.storage.put(
      sessionKey(studyId, result.sessionId, 'imported-trajectory.json'),
      Buffer.from(text),
      { contentType: 'application/json' },
    );
    return { ...result, frames: frames.length, finalScore: imported.finalScore };
  }
}
