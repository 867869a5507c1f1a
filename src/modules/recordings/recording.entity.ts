import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type ValueTransformer,
} from 'typeorm';
import type {
  RecordingGap,
  SampleTimeMapping,
  TrackSourceInfo,
} from '../../games/common/recording.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { StudyEntity } from '../studies/study.entity.js';

export enum RecordingKind {
  Mic = 'mic',
  Game = 'game',
  Other = 'other',
}

export enum RecordingStatus {
  Recording = 'recording',
  Finalizing = 'finalizing',
  Finalized = 'finalized',
  Failed = 'failed',
  Deleted = 'deleted',
}

/** `bigint` columns come back from pg as strings; these stay far below 2^53. */
export const bigintNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** One audio track: one participant's mic (or the game's sound) over a session. */
@Entity('recordings')
@Index('IDX_recordings_study_created', ['studyId', 'createdAt'])
@Index('IDX_recordings_session_created', ['sessionId', 'createdAt'])
@Index('IDX_recordings_participant_created', ['participantId', 'createdAt'])
@Index('IDX_recordings_status_last_chunk', ['status', 'lastChunkAt'])
export class RecordingEntity {
  /** Chosen by the client (so it can queue chunks before the server knows the track). */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  studyId: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'studyId' })
  study?: StudyEntity;

  /** The participant row's uuid. */
  @Column({ type: 'uuid' })
  participantId: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participantId' })
  participant?: ParticipantEntity;

  /** The track's files live in the session's folder, so the track goes with its session. */
  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  episodeId: string | null;

  @ManyToOne(() => EpisodeEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'episodeId' })
  episode?: EpisodeEntity | null;

  @Column({ type: 'enum', enum: RecordingKind, enumName: 'recording_kind' })
  kind: RecordingKind;

  @Column({ type: 'varchar', length: 80, nullable: true })
  label: string | null;

  @Column({ type: 'integer' })
  sampleRate: number;

  @Column({ type: 'smallint', default: 1 })
  channels: number;

  @Column({
    type: 'enum',
    enum: RecordingStatus,
    enumName: 'recording_status',
    default: RecordingStatus.Recording,
  })
  status: RecordingStatus;

  @Column({ type: 'jsonb', nullable: true })
  source: TrackSourceInfo | null;

  @Column({ type: 'integer', default: 0 })
  receivedChunks: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  receivedBytes: number;

  /** Highest seq received. */
  @Column({ type: 'integer', nullable: true })
  lastSeq: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastChunkAt: Date | null;

  @Column({ type: 'varchar', length: 400, nullable: true })
  wavKey: string | null;

  /** Samples in the WAV (can pass 2^31 at high rates over hours, hence bigint). */
  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  durationSamples: number | null;

  @Column({ type: 'jsonb', nullable: true })
  gaps: RecordingGap[] | null;

  @Column({ type: 'jsonb', nullable: true })
  mapping: SampleTimeMapping | null;

  /** Why the last finalize failed. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finalizedAt: Date | null;

  /** When the audio was deleted (the row stays as a record that it existed). */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
