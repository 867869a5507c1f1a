import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import type { FrameRecord } from '../../games/common/atari-frames.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';

/**
 * About a second of an Atari episode's frames (flow 4), stored before the upload is
 * acknowledged. (episodeId, seq) is the idempotency key of the upload; the frames of all batches
 * of an episode tile 0..n-1 without overlap (checked on ingest) and without gap (checked at end).
 */
@Entity('frame_batches')
@Index('IDX_frame_batches_first_frame', ['episodeId', 'firstFrame'])
export class FrameBatchEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_frame_batches' })
  episodeId: string;

  @ManyToOne(() => EpisodeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'episodeId' })
  episode?: EpisodeEntity;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_frame_batches' })
  seq: number;

  @Column({ type: 'integer' })
  firstFrame: number;

  @Column({ type: 'integer' })
  frameCount: number;

  @Column({ type: 'jsonb' })
  frames: FrameRecord[];

  /** Hex sha256 of the canonical JSON of `frames`: a repeat upload is recognised by it. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
