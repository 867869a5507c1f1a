import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { RecordingEntity } from './recording.entity.js';

/**
 * One uploaded chunk of a track. The primary key (recordingId, seq) is the idempotency key of the
 * upload. `startSample` is counted from the start of its segment; `integer` is enough: 2^31 samples
 * are 12.4 h at 48 kHz (3.1 h at 192 kHz) of one uninterrupted recorder run, and the upload refuses
 * a chunk that would end past it.
 */
@Entity('recording_chunks')
@Index('IDX_recording_chunks_position', ['recordingId', 'segment', 'startSample'])
export class RecordingChunkEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_recording_chunks' })
  recordingId: string;

  @ManyToOne(() => RecordingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recordingId' })
  recording?: RecordingEntity;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_recording_chunks' })
  seq: number;

  @Column({ type: 'integer' })
  segment: number;

  @Column({ type: 'integer' })
  startSample: number;

  @Column({ type: 'integer' })
  sampleCount: number;

  @Column({ type: 'integer' })
  byteLength: number;

  /** Hex sha256 of the bytes. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** AudioContext time (s) of the first sample. */
  @Column({ type: 'double precision' })
  contextTime: number;

  /** `performance.now()` (ms, timebase `clockId`) when the first sample was captured. */
  @Column({ type: 'double precision' })
  captureMs: number;

  @Column({ type: 'uuid' })
  clockId: string;

  /** Where the bytes are until finalize has put them in the WAV. */
  @Column({ type: 'varchar', length: 400 })
  storageKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
