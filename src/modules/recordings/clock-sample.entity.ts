import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { ParticipantEntity } from '../participants/participant.entity.js';

/**
 * One NTP-style exchange of a participant's page, in the `performance.now()` timebase of its clock
 * domain (`clockId`). Unique by (participant, clockId, clientSendMs): re-posting is harmless.
 */
@Entity('clock_samples')
@Unique('UQ_clock_samples_participant_clock_send', ['participantId', 'clockId', 'clientSendMs'])
export class ClockSampleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participantId' })
  participant?: ParticipantEntity;

  @Column({ type: 'uuid' })
  studyId: string;

  @Column({ type: 'uuid' })
  clockId: string;

  @Column({ type: 'double precision' })
  clientSendMs: number;

  @Column({ type: 'double precision' })
  serverMs: number;

  @Column({ type: 'double precision' })
  clientRecvMs: number;

  @Column({ type: 'double precision' })
  rttMs: number;

  /** `performance.timeOrigin` of the page (Unix ms), for the record. */
  @Column({ type: 'double precision', nullable: true })
  timeOrigin: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
