import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { sessionKey } from '../storage/storage-keys.js';
import { StorageService } from '../storage/storage.service.js';
import { type FrameRun, MediaAbortedError, MediaAdapter } from './media.adapter.js';
import { buildRenderCommand } from './render-command.js';
import { RenderInputError } from './render-errors.js';
import { RenderEvents } from './render-events.service.js';
import { RenderInputs } from './render-inputs.service.js';
import { RenderEntity, RenderStatus } from './render.entity.js';

/** What the runner needs of the queue's job. */
export interface RenderJob {
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
  /** Tells the queue not to retry (a broken input). */
  discard(): void;
  /** Publishes progress through the queue (seen by every process). */
  progress(data: object): Promise<void>;
}

/** How often progress is saved on the row (and a cancellation noticed). */
export const PROGRESS_EVERY_MS = 1000;

export const contentTypeOf = (container: string) =>
  container === 'mov' ? 'video/quicktime' : 'video/mp4';

/** `studies/{study}/sessions/{session}/renders/{render}.mp4`: one file per render. */
export const renderKey = (render: RenderEntity, episode: EpisodeEntity) =>
  sessionKey(
    render.studyId,
    episode.sessionId,
    'renders',
    `${render.id}.${render.options.container}`,
  );

class Cancelled extends Error {}

/**
 * Runs one render (called by the processor): claims the row, streams the episode's frames into
 * ffmpeg with its audio tracks, stores the file, and keeps the row and the event stream up to
 * date. A cancellation is seen within a second: in this process through its AbortController, in
 * any other through the row (the progress update finds it no longer rendering).
 */
@Injectable()
export class RenderRunner {
  private readonly logger = new Logger(RenderRunner.name);
  private readonly running = new Map<string, AbortController>();

  constructor(
    @InjectRepository(RenderEntity) private readonly renders: Repository<RenderEntity>,
    @InjectRepository(EpisodeEntity) private readonly episodes: Repository<EpisodeEntity>,
    private readonly inputs: RenderInputs,
    private readonly media: MediaAdapter,
    private readonly storage: StorageService,
    private readonly events: RenderEvents,
    private readonly config: AppConfig,
  ) {}

  /** Stops a render running in this process (the row says cancelled already). */
  abortLocal(renderId: string): void {
    this.running.get(renderId)?.abort();
  }

  async run(renderId: string, job: RenderJob): Promise<void> {
    const render = await this.claim(renderId);
    if (!render) return; // cancelled, or deleted with its episode, while it waited
    const episode = await this.episodes.findOne({ where: { id: render.episodeId } });
    if (!episode) return;
    const controller = new AbortController();
    this.running.set(renderId, controller);
    const started = Date.now();
    this.publish(render, job);
    try {
      await this.media.withTempDir((dir) => this.render(render, episode, dir, controller, job));
      this.logger.log(
        `Render ${renderId}: ${render.framesTotal} frames in ${Date.now() - started} ms`,
      );
    } catch (error) {
      await this.failed(render, error, controller.signal.aborted, job);
    } finally {
      this.running.delete(renderId);
    }
  }

  /** Marks the row rendering (a new attempt) unless it was cancelled meanwhile. */
  private async claim(renderId: string): Promise<RenderEntity | null> {
    const result = await this.renders
      .createQueryBuilder()
      .update(RenderEntity)
      .set({
        status: RenderStatus.Rendering,
        attempts: () => '"attempts" + 1',
        framesWritten: 0,
        startedAt: () => 'now()',
      })
      .where('id = :id AND status IN (:...open)', {
        id: renderId,
        open: [RenderStatus.Queued, RenderStatus.Rendering],
      })
      .execute();
    if (!result.affected) return null;
    return this.renders.findOne({ where: { id: renderId } });
  }

  private async render(
    render: RenderEntity,
    episode: EpisodeEntity,
    dir: string,
    controller: AbortController,
    job: RenderJob,
  ): Promise<void> {
    const { options } = render;
    const prepared = await this.inputs.prepare(episode, options, dir);
    render.framesTotal = prepared.framesTotal;
    render.audioTracks = prepared.tracks.map((t) => ({
      recordingId: t.id,
      label: t.label,
      offsetMs: t.offsetMs,
      rate: t.rate,
    }));
    await this.renders.update(
      { id: render.id },
      { framesTotal: render.framesTotal, audioTracks: render.audioTracks },
    );
    const output = join(dir, `render.${options.container}`);
    const command = buildRenderCommand({
      video: {
        width: prepared.layout.width,
        height: prepared.layout.height,
        fps: options.fps,
        pixelFormat: prepared.pixelFormat,
      },
      frames: prepared.framesTotal,
      audio: { mode: options.audio, tracks: prepared.tracks },
      container: options.container,
      output,
      metadata: {
        title: `${episode.game} episode ${episode.index}`,
        comment: `ozlab render ${render.id}`,
      },
    });
    let written = 0;
    await this.media.encode(
      command,
      this.saveProgress(prepared.frames, render, () => written, controller, job),
      {
        signal: controller.signal,
        timeoutMs: this.config.render.timeoutMs,
        niceness: this.config.render.niceness,
        onProgress: (n) => (written = n),
      },
    );
    const key = renderKey(render, episode);
    const { size } = await this.storage.put(key, createReadStream(output), {
      contentType: contentTypeOf(options.container),
    });
    const done = await this.renders.update(
      { id: render.id, status: RenderStatus.Rendering },
      {
        status: RenderStatus.Completed,
        framesWritten: prepared.framesTotal,
        storageKey: key,
        bytes: size,
        durationMs: Math.round((prepared.framesTotal * 1000) / options.fps),
        error: null,
        completedAt: new Date(),
      },
    );
    if (!done.affected) {
      // Cancelled in the last moment: no file without a completed render.
      await this.storage.delete(key);
      throw new Cancelled();
    }
    Object.assign(render, { status: RenderStatus.Completed, framesWritten: prepared.framesTotal });
    this.publish(render, job);
  }

  /** Passes the frames through, saving progress every second and stopping on a cancellation. */
  private async *saveProgress(
    frames: AsyncIterable<FrameRun>,
    render: RenderEntity,
    written: () => number,
    controller: AbortController,
    job: RenderJob,
  ): AsyncGenerator<FrameRun> {
    let last = Date.now();
    for await (const run of frames) {
      if (Date.now() - last >= PROGRESS_EVERY_MS) {
        last = Date.now();
        render.framesWritten = written();
        const saved = await this.renders.update(
          { id: render.id, status: RenderStatus.Rendering },
          { framesWritten: render.framesWritten },
        );
        if (!saved.affected) {
          controller.abort();
          throw new Cancelled();
        }
        this.publish(render, job);
      }
      yield run;
    }
  }

  private async failed(
    render: RenderEntity,
    error: unknown,
    aborted: boolean,
    job: RenderJob,
  ): Promise<void> {
    const current = await this.renders.findOne({ where: { id: render.id } });
    if (!current) return; // deleted with its episode
    if (
      aborted ||
      error instanceof Cancelled ||
      error instanceof MediaAbortedError ||
      current.status === RenderStatus.Cancelled
    ) {
      this.logger.log(`Render ${render.id}: cancelled`);
      this.publish(current, job);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const final = error instanceof RenderInputError || job.attempt >= job.maxAttempts;
    this.logger.warn(`Render ${render.id}, attempt ${job.attempt}/${job.maxAttempts}: ${message}`);
    await this.renders.update(
      { id: render.id, status: RenderStatus.Rendering },
      {
        status: final ? RenderStatus.Failed : RenderStatus.Queued,
        error: final
          ? message
          : `Attempt ${job.attempt} of ${job.maxAttempts} failed, retrying: ${message}`,
      },
    );
    const after = await this.renders.findOne({ where: { id: render.id } });
    if (after) this.publish(after, job);
    if (error instanceof RenderInputError) job.discard();
    throw error;
  }

  private publish(render: RenderEntity, job: RenderJob): void {
    this.events.publish(
      {
        renderId: render.id,
        episodeId: render.episodeId,
        studyId: render.studyId,
        status: render.status,
        framesWritten: render.framesWritten,
        framesTotal: render.framesTotal,
        error: render.error,
      },
      job,
    );
  }
}
