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
import { ResearcherEntity } from '../participants/researcher.entity.js';

export const DEFAULT_ID_PATTERN = '^[TWD]\\d{4,6}$';

@Entity('studies')
export class StudyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short public code participants type or receive in their login URL. */
  @Column({ type: 'varchar', length: 40, unique: true })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: StudyKind;

  /** Validated per kind by StudyConfigValidator; defaults filled in. */
  @Column({ type: 'jsonb', default: {} })
  config: Record<string, unknown>;

  @Column({ type: 'varchar', length: 200, default: DEFAULT_ID_PATTERN })
  idPattern: string;

  @Column({ type: 'boolean', default: false })
  requireAccessCode: boolean;

  @Index()
  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => ResearcherEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ownerId' })
  owner?: ResearcherEntity;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
