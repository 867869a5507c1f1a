import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { FinalizeService } from './finalize.service.js';
import { RecordingEntity, RecordingStatus } from './recording.entity.js';

export const SWEEP_INTERVAL_MS = 60_000;
/** Tracks finalized per sweep at most (the next sweep takes the rest). */
const SWEEP_BATCH = 50;

/**
 * Finalizes tracks that stopped receiving chunks (`RECORDING_IDLE_FINALIZE_S`), so a participant
 * who vanished still leaves a WAV of what arrived. Safe on every instance at once: finalize's
 * conditional claim lets one of them do each track.
 */
@Injectable()
export class RecordingSweeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RecordingSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly config: AppConfig,
    @InjectRepository(RecordingEntity) private readonly recordings: Repository<RecordingEntity>,
    private readonly finalizer: FinalizeService,
  ) {}

  onModuleInit(): void {
    if (this.config.recordings.idleFinalizeS <= 0) return;
    this.timer = setInterval(() => void this.sweepIdle(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Finalizes idle tracks; returns how many it finalized. */
  async sweepIdle(): Promise<number> {
    const idleS = this.config.recordings.idleFinalizeS;
    if (idleS <= 0 || this.sweeping) return 0;
    this.sweeping = true;
    try {
      const idle = await this.recordings
        .createQueryBuilder('r')
        .select(['r.id', 'r.lastChunkAt', 'r.createdAt'])
        .where('r.status = :status', { status: RecordingStatus.Recording })
        .andWhere('COALESCE(r.lastChunkAt, r.createdAt) < now() - make_interval(secs => :idleS)', {
          idleS,
        })
        .orderBy('r.createdAt', 'ASC')
        .limit(SWEEP_BATCH)
        .getMany();
      let finalized = 0;
      for (const t of idle) {
        const since = (t.lastChunkAt ?? t.createdAt).toISOString();
        this.logger.log(`Track ${t.id}: idle since ${since}; finalizing`);
        try {
          const done = await this.finalizer.finalize(t.id, { wait: false });
          if (done.status === RecordingStatus.Finalized) finalized++;
        } catch (err) {
          this.logger.warn(`Track ${t.id}: idle finalize failed: ${String(err)}`);
        }
      }
      return finalized;
    } catch (err) {
      this.logger.error(`Idle sweep failed: ${String(err)}`);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }
}
