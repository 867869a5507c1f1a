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
import type { ParticipantRole, ParticipantStatus } from '../../games/common/api.js';
import { StudyEntity } from '../studies/study.entity.js';

@Entity('participants')
@Unique('UQ_participants_study_participant', ['studyId', 'participantId'])
@Index('IDX_participants_study_role_status', ['studyId', 'role', 'status'])
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  studyId: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'studyId' })
  study?: StudyEntity;

  /** The study-facing ID, e.g. T0001. */
  @Column({ type: 'varchar', length: 32 })
  participantId: string;

  @Column({ type: 'varchar', length: 16 })
  role: ParticipantRole;

  @Column({ type: 'varchar', length: 16, default: 'registered' })
  status: ParticipantStatus;

  /** E.g. a Prolific PID. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  externalId: string | null;

  /** Required at login when the study requires access codes. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  accessCode: string | null;

  /** Unguessable token of the participant's invite link. */
  @Column({ type: 'varchar', length: 64, unique: true })
  inviteToken: string;

  @Column({ type: 'timestamptz', nullable: true })
  consentedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
