import {
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Column,
} from 'typeorm';
import { ResearcherEntity } from '../participants/researcher.entity.js';
import { StudyEntity } from './study.entity.js';

/**
 * A researcher given access to a study they do not own: they see and run it as its owner does,
 * but only the owner (or an admin) deletes the study or changes who has access.
 */
@Entity('study_members')
export class StudyMemberEntity {
  @PrimaryColumn({ type: 'uuid' })
  studyId: string;

  /** Indexed: every scoped query of a researcher asks which studies they were given. */
  @Index()
  @PrimaryColumn({ type: 'uuid' })
  researcherId: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'studyId' })
  study?: StudyEntity;

  @ManyToOne(() => ResearcherEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'researcherId' })
  researcher?: ResearcherEntity;

  /** Who gave the access; null once that researcher is deleted. */
  @Column({ type: 'uuid', nullable: true })
  grantedById: string | null;

  @ManyToOne(() => ResearcherEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'grantedById' })
  grantedBy?: ResearcherEntity | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
