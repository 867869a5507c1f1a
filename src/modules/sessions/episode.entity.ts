import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { StudyEntity } from '../studies/study.entity.js';
import { SessionEntity } from './session.entity.js';

export enum EpisodeStatus {
  Running = 'running',
  Completed = 'completed',
  Aborted = 'aborted',
}

/**
 * One episode of play inside a session; its steps or frame batches are logged separately.
 *
 * The dashboard's list sorts by any of startedAt, endedAt, score, steps, index, game and status,
 * with the id as tie-breaker in the same direction, over everything (admins) or within studies (a
 * study filter, or a researcher's own studies): each of those fields has an index `(field, id)`
 * and one `(studyId, field, id)`, so that a page is read in index order and the ids of a deep
 * page come from the index alone (bench/admin-api.ts). The session filter uses the unique index;
 * practice and verified have their own, for their rare values (practice rounds, failed checks);
 * `(studyId, practice, verified, status, game)` counts any mix of those within studies from the
 * index alone (every list answer carries its exact total).
 */
@Entity('episodes')
@Unique('UQ_episodes_session_index', ['sessionId', 'index'])
@Index('IDX_episodes_started', ['startedAt', 'id'])
@Index('IDX_episodes_ended', ['endedAt', 'id'])
@Index('IDX_episodes_score', ['score', 'id'])
@Index('IDX_episodes_steps', ['steps', 'id'])
@Index('IDX_episodes_index', ['index', 'id'])
@Index('IDX_episodes_game', ['game', 'id'])
@Index('IDX_episodes_status', ['status', 'id'])
@Index('IDX_episodes_study_started', ['studyId', 'startedAt', 'id'])
@Index('IDX_episodes_study_ended', ['studyId', 'endedAt', 'id'])
@Index('IDX_episodes_study_score', ['studyId', 'score', 'id'])
@Index('IDX_episodes_study_steps', ['studyId', 'steps', 'id'])
@Index('IDX_episodes_study_index', ['studyId', 'index', 'id'])
@Index('IDX_episodes_study_game', ['studyId', 'game', 'id'])
@Index('IDX_episodes_study_status', ['studyId', 'status', 'id'])
@Index('IDX_episodes_study_flags', ['studyId', 'practice', 'verified', 'status', 'game'])
@Index('IDX_episodes_practice', ['practice'])
@Index('IDX_episodes_verified', ['verified'])
export class EpisodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity;

  /** Denormalised from the session so that the dashboard filters without a join. */
  @Column({ type: 'uuid' })
  studyId: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'studyId' })
  study?: StudyEntity;

  /** 0-based order of the episode within its session. */
  @Column({ type: 'integer' })
  index: number;

  @Column({ type: 'integer', nullable: true })
  round: number | null;

  @Column({ type: 'boolean', default: false })
  practice: boolean;

  /** `robotaxi` or the Atari game's profile name. */
  @Column({ type: 'varchar', length: 64 })
  game: string;

  @Column({
    type: 'enum',
    enum: EpisodeStatus,
    enumName: 'episode_status',
    default: EpisodeStatus.Running,
  })
  status: EpisodeStatus;

  /** How it ended, e.g. bomb, delivered, step-limit, game-over, time-up. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  outcome: string | null;

  @Column({ type: 'integer', default: 0 })
  steps: number;

  @Column({ type: 'integer', default: 0 })
  score: number;

  /** Seed of the episode's randomness (RoboTaxi: start cell, NOP directions). */
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (v: number | null) => v,
      from: (v: string | null) => (v === null ? null : Number(v)),
    },
  })
  seed: number | null;

  /** RoboTaxi: the level played and the state before the first step. */
  @Column({ type: 'jsonb', nullable: true })
  level: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  initialState: Record<string, unknown> | null;

  /** Atari: the MD5 of the ROM played (the ROM library's key; re-emulation loads it). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  romMd5: string | null;

  /**
   * Atari: what the determinism check found: hashes compared, the first frame whose hash
   * differed (null when none did), or why it could not run.
   */
  @Column({ type: 'jsonb', nullable: true })
  verification: {
    checkedHashes: number;
    firstDivergingFrame: number | null;
    error?: string;
    at: string;
  } | null;

  /** Atari: whether server re-emulation reproduced the client's frame hashes. */
  @Column({ type: 'boolean', nullable: true })
  verified: boolean | null;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
