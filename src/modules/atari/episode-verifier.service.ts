import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { Repository } from 'typeorm';
import { verifyReplay } from '../../games/atari/verify.js';
import { JOBS, JobName, QueueName } from '../queue/queue.constants.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { StorageNotFoundError } from '../storage/storage.errors.js';
import { StorageService } from '../storage/storage.service.js';
import { FrameBatchEntity } from './frame-batch.entity.js';

/** Storage key of a ROM in the library (identified by its MD5). */
export const romKey = (md5: string) => `roms/${md5}.bin`;

type Verification = NonNullable<EpisodeEntity['verification']>;

/**
 * The determinism check of an Atari episode (flow 4): queued when the episode ends, run by the
 * `verify` queue's processor, which re-emulates the ROM with the recorded inputs and compares the
 * client's frame hashes. The episode shows verified (true/false) and the first diverging frame.
 */
@Injectable()
export class EpisodeVerifier {
  private readonly logger = new Logger(EpisodeVerifier.name);

  constructor(
    @InjectRepository(EpisodeEntity) private readonly episodes: Repository<EpisodeEntity>,
    @InjectRepository(FrameBatchEntity) private readonly batches: Repository<FrameBatchEntity>,
    private readonly storage: StorageService,
    @Optional() @InjectQueue(QueueName.Verify) private readonly queue?: Queue,
  ) {}

  /** Queues the check (once per episode); without Redis, records why it cannot run. */
  async enqueue(episodeId: string): Promise<void> {
    const job = JOBS[JobName.VerifyEpisode];
    if (!this.queue) {
      await this.record(episodeId, null, {
        checkedHashes: 0,
        firstDivergingFrame: null,
        error: 'Not checked: the job queue needs Redis (set REDIS_URL)',
      });
      return;
    }
    try {
      await this.queue.add(
        JobName.VerifyEpisode,
        { episodeId },
        { ...job.options, jobId: job.jobId({ episodeId }) },
      );
    } catch (error) {
      // The episode is stored either way; say why it was not checked rather than fail the end.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`Episode ${episodeId}: could not queue the check: ${reason}`);
      await this.record(episodeId, null, {
        checkedHashes: 0,
        firstDivergingFrame: null,
        error: `Not checked: the job queue was unreachable (${reason})`,
      });
    }
  }

  /** Runs the check. Throws only for what a retry may fix (storage, database). */
  async verify(episodeId: string): Promise<void> {
    const episode = await this.episodes.findOne({ where: { id: episodeId } });
    if (!episode) return; // deleted meanwhile
    if (!episode.romMd5 || episode.seed === null)
      return this.record(episodeId, null, {
        checkedHashes: 0,
        firstDivergingFrame: null,
        error: 'Not checked: the episode has no ROM or seed recorded',
      });
    let rom: Buffer;
    try {
      rom = await this.storage.get(romKey(episode.romMd5));
    } catch (error) {
      if (!(error instanceof StorageNotFoundError)) throw error;
      return this.record(episodeId, null, {
        checkedHashes: 0,
        firstDivergingFrame: null,
        error: `Not checked: ROM ${episode.romMd5} is no longer in the library`,
      });
    }
    const batches = await this.batches.find({ where: { episodeId }, order: { firstFrame: 'ASC' } });
    const frames = batches.flatMap((b) => b.frames);
    const started = Date.now();
    try {
      const result = await verifyReplay(new Uint8Array(rom), frames, {
        seed: episode.seed,
        // Re-emulation is CPU work: let the event loop breathe between slices of frames.
        yieldEvery: 5,
        onProgress: () => new Promise((resolve) => setImmediate(resolve)),
      });
      this.logger.log(
        `Episode ${episodeId}: ${result.frames} frames re-emulated in ${Date.now() - started} ms, ` +
          (result.firstDivergingFrame === null
            ? `${result.checkedHashes} hashes match`
            : `diverged at frame ${result.firstDivergingFrame}`),
      );
      // No hash reported (a game cut short before its first): not checked, rather than failed.
      await this.record(
        episodeId,
        result.checkedHashes === 0 ? null : result.firstDivergingFrame === null,
        {
          checkedHashes: result.checkedHashes,
          firstDivergingFrame: result.firstDivergingFrame,
          ...(result.checkedHashes === 0
            ? { error: 'Not checked: no frame hash was reported' }
            : {}),
        },
      );
    } catch (error) {
      // The replay itself failed (a hole in the frames, an invalid instruction): a result.
      await this.record(episodeId, false, {
        checkedHashes: 0,
        firstDivergingFrame: null,
        error: `Re-emulation failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  private async record(
    episodeId: string,
    verified: boolean | null,
    verification: Omit<Verification, 'at'>,
  ): Promise<void> {
    await this.episodes.update(
      { id: episodeId },
      { verified, verification: { ...verification, at: new Date().toISOString() } },
    );
  }
}
