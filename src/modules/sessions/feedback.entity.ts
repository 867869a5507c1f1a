import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { SessionEntity } from './session.entity.js';

export enum FeedbackKind {
  /** The wizard's best path and cell ratings. */
  WizardPath = 'wizard-path',
  /** The teacher's debrief answers. */
  TeacherDebrief = 'teacher-debrief',
  /** The demonstrator's answers to the Atari study's questionnaire, with the questions asked. */
  Questionnaire = 'questionnaire',
}

/** End-of-session feedback of one member (one row each; a second submission is refused). */
@Entity('session_feedback')
@Unique('UQ_session_feedback_member', ['sessionId', 'participantId'])
export class FeedbackEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity;

  /** The participant row's uuid (kept when the participant is deleted: the answers stay anonymous). */
  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: FeedbackKind;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
