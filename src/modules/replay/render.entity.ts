import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintNumber } from '../recordings/recording.entity.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { StudyEntity } from '../studies/study.entity.js';
import type { RenderOptions } from './render-options.js';

export enum RenderStatus {
  Queued = 'queued',
  Rendering = 'rendering',
  Completed = 'completed',
  Failed = 'failed',
  Cancelled = 'cancelled',
}

/** An audio track as the render placed it. */
export interface RenderAudioTrack {
  recordingId: string;
  label: string;
  /** Where the track's first sample went on the video's timeline (negative: its head was cut). */
  offsetMs: number;
  /** The rate its samples were played at when it drifted from its nominal rate, else null. */
  rate: number | null;
}

/**
 * A video of one episode (flow 7): queued, rendered by the `render` queue's worker, stored as
 * one file per render (`storageKey`; a re-render of the same render replaces it).
 */
@Entity('renders')
@Index('IDX_renders_study_created', ['studyId', 'createdAt'])
@Index('IDX_renders_episode_created', ['episodeId', 'createdAt'])
export class RenderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  episodeId: string;

  @ManyToOne(() => EpisodeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'episodeId' })
  episode?: EpisodeEntity;

  /** Denormalised from the episode so that the dashboard filters without a join. */
  @Column({ type: 'uuid' })
  studyId: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'studyId' })
  study?: StudyEntity;

  @Index()
  @Column({
    type: 'enum',
    enum: RenderStatus,
    enumName: 'render_status',
    default: RenderStatus.Queued,
  })
  status: RenderStatus;

  /** What was asked, each field resolved (the game's default where not given). */
  @Column({ type: 'jsonb' })
  options: RenderOptions;

  @Column({ type: 'integer', default: 0 })
  framesWritten: number;

  /** Known once the render has started (the episode's length at the output rate). */
  @Column({ type: 'integer', nullable: true })
  framesTotal: number | null;

  /** The audio tracks placed in the video (none when `options.audio` is none or none overlap). */
  @Column({ type: 'jsonb', nullable: true })
  audioTracks: RenderAudioTrack[] | null;

  @Column({ type: 'varchar', length: 400, nullable: true })
  storageKey: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  bytes: number | null;

  /** Length of the video (frames / fps). */
  @Column({ type: 'integer', nullable: true })
  durationMs: number | null;

  /** Why the last attempt failed: the cause, then the last lines of ffmpeg's stderr if any. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Attempts of the current job (a re-render starts again from 0). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
