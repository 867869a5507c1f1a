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
import { ResearcherEntity } from '../participants/researcher.entity.js';

/**
 * An Atari 2600 ROM of the deployment's library, shared by all researchers. A ROM is identified
 * by its MD5 (as ALE and AutoROM identify them) and bound to a game profile
 * (`src/games/atari/games.ts`); its bytes live in storage at `roms/<md5>.bin`, never in here.
 */
@Entity('roms')
export class RomEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower-case hex. */
  @Column({ type: 'char', length: 32, unique: true })
  md5: string;

  /** Lower-case hex; kept for catalogues that name ROMs by SHA-1 (No-Intro). */
  @Column({ type: 'char', length: 40 })
  sha1: string;

  @Index()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** A game profile id (`profileById`). */
  @Index()
  @Column({ type: 'varchar', length: 64 })
  profileId: string;

  /** Bytes. */
  @Index()
  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  /** The researcher who uploaded it; null once that researcher is deleted. */
  @Column({ type: 'uuid', nullable: true })
  uploadedById: string | null;

  @ManyToOne(() => ResearcherEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploadedById' })
  uploadedBy?: ResearcherEntity;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
