import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import type { EpisodeOutcome, GameState, StepInfo } from '../../games/robotaxi/types.js';
import { EpisodeEntity } from './episode.entity.js';

/** A key the wizard pressed during a step's interval, in the order the server received them. */
export interface KeyPress {
  action: number;
  /** The page's counter (per page load). */
  seq: number;
  /** When the key went down, server-clock ms as the client estimated it. */
  clientMs: number;
  /** When the server received it. */
  serverMs: number;
}

/** A client's report that it drew a frame (`rendered` event). */
export interface RenderReport {
  role: 'teacher' | 'wizard';
  episodeId: string;
  step: number;
  /** When it was drawn, server-clock ms as the client estimated it. */
  clientMs: number;
  serverMs: number;
}

/**
 * One RoboTaxi step (flow 3): written by the SessionRunner before the step is emitted, so that no
 * participant ever sees a step that is not stored. `index` counts from 1 within the episode; the
 * episode's first state is `EpisodeEntity.initialState`.
 */
@Entity('steps')
@Index('IDX_steps_session_server_ms', ['sessionId', 'serverMs'])
export class StepEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_steps' })
  episodeId: string;

  @ManyToOne(() => EpisodeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'episodeId' })
  episode?: EpisodeEntity;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_steps' })
  index: number;

  @Column({ type: 'uuid' })
  sessionId: string;

  /** The wizard's action for this step (0 NOP when no key came during the interval). */
  @Column({ type: 'smallint' })
  action: number;

  @Column({ type: 'integer' })
  reward: number;

  @Column({ type: 'boolean' })
  done: boolean;

  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome: EpisodeOutcome | null;

  /** The state after the step (everything needed to continue the game bit for bit). */
  @Column({ type: 'jsonb' })
  state: GameState;

  @Column({ type: 'jsonb' })
  info: StepInfo;

  /** Every key received during the step's interval (the last one is `action`). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  keypresses: KeyPress[];

  /** Render reports received during the step's interval (of the previous frames). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  renders: RenderReport[];

  /** The wizard's last reported render time before this step (server-clock ms), if any. */
  @Column({ type: 'double precision', nullable: true })
  renderedMs: number | null;

  /** Server time of the step (Unix ms, sub-ms precision). */
  @Column({ type: 'double precision' })
  serverMs: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
