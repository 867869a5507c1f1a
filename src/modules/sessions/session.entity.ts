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

/** A teacher–wizard pairing (RoboTaxi) or a solo demonstrator run (Atari). */
@Entity('sessions')
@Index('IDX_sessions_study_created', ['studyId', 'createdAt'])
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

  /** Study-specific phase (e.g. practice, round-2, feedback). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  phase: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
