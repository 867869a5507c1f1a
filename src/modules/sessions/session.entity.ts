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
import type { StudyKind } from '../../games/common/api.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { StudyEntity } from '../studies/study.entity.js';

export enum SessionStatus {
  Waiting = 'waiting',
  Running = 'running',
  Paused = 'paused',
  Completed = 'completed',
  Aborted = 'aborted',
}

/**
 * A teacher–wizard pairing (RoboTaxi) or a solo demonstrator run (Atari). A participant is in at
 * most one open (not completed, not aborted) session at a time: the partial unique indexes make a
 * race of two pairings end in one session.
 */
@Entity('sessions')
@Index('IDX_sessions_study_created', ['studyId', 'createdAt'])
// A participant's sessions (the episode and session lists' participant filter, and the SET NULL
// when a participant is deleted): one index a role, for a union (or OR) of three index scans.
@Index('IDX_sessions_teacher', ['teacherId'])
@Index('IDX_sessions_wizard', ['wizardId'])
@Index('IDX_sessions_demonstrator', ['demonstratorId'])
@Index('UQ_sessions_open_teacher', ['teacherId'], {
  unique: true,
  where: `"teacherId" IS NOT NULL AND "status" NOT IN ('completed', 'aborted')`,
})
@Index('UQ_sessions_open_wizard', ['wizardId'], {
  unique: true,
  where: `"wizardId" IS NOT NULL AND "status" NOT IN ('completed', 'aborted')`,
})
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  studyId: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'studyId' })
  study?: StudyEntity;

  @Column({ type: 'varchar', length: 20 })
  kind: StudyKind;

  @Index()
  @Column({
    type: 'enum',
    enum: SessionStatus,
    enumName: 'session_status',
    default: SessionStatus.Waiting,
  })
  status: SessionStatus;

  @Column({ type: 'uuid', nullable: true })
  teacherId: string | null;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'teacherId' })
  teacher?: ParticipantEntity | null;

  @Column({ type: 'uuid', nullable: true })
  wizardId: string | null;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'wizardId' })
  wizard?: ParticipantEntity | null;

  @Column({ type: 'uuid', nullable: true })
  demonstratorId: string | null;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'demonstratorId' })
  demonstrator?: ParticipantEntity | null;

  /** Seed of everything random in the session (maps, start cells). */
  @Column({ type: 'integer', default: 0 })
  seed: number;

  /** Study-specific phase (RoboTaxi: lobby, countdown, playing, paused, feedback, complete). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  phase: string | null;

  /** Where the game loop stands between episodes (RoboTaxi: `RunnerProgress`), for a resume. */
  @Column({ type: 'jsonb', nullable: true })
  progress: Record<string, unknown> | null;

  /** How the pair was made: `auto` (same number, T0007 with W0007) or `researcher`. */
  @Column({ type: 'varchar', length: 20, default: 'auto' })
  pairing: 'auto' | 'researcher';

  /** Why the session ended early (researcher abort, ...). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  abortReason: string | null;

  /** The API instance whose SessionRunner owns the session, until `runnerLeaseUntil`. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  runnerId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  runnerLeaseUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
