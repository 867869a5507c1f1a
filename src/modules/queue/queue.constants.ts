import type { JobOptions } from 'bull';

/** Bull queues. One per kind of work, so that a slow render never delays a verification. */
export enum QueueName {
  Verify = 'verify',
  Render = 'render',
}

export enum JobName {
  /** Re-emulate an Atari episode and compare its frame hashes (flow 4). */
  VerifyEpisode = 'verify-episode',
  /** Render an episode's video: frames from the log, audio at its aligned offsets (flow 7). */
  RenderEpisode = 'render-episode',
}

/** The payload of each job (typed, so producers and processors cannot disagree). */
export interface JobPayloads {
  [JobName.VerifyEpisode]: { episodeId: string };
  [JobName.RenderEpisode]: { renderId: string };
}

/**
 * Job options, one row per job name. `jobId` makes a job unique: the same episode is never queued
 * twice while one is waiting. A failure that can be retried (storage or database down) throws
 * and Bull retries with backoff; a replay that diverges is a result, recorded, not a failure.
 */
export const JOBS: {
  [J in JobName]: { queue: QueueName; options: JobOptions; jobId(payload: JobPayloads[J]): string };
} = {
  [JobName.VerifyEpisode]: {
    queue: QueueName.Verify,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: 1_000,
      removeOnFail: 1_000,
    },
    jobId: (p) => `verify:${p.episodeId}`,
  },
  // A broken input (a WAV missing from storage, a hole in the log) is recorded on the render and
  // not retried; ffmpeg, storage or database failures are. Finished jobs are removed at once: the
  // render row is the record, and its jobId must be free for a re-render of the same render.
  [JobName.RenderEpisode]: {
    queue: QueueName.Render,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
    jobId: (p) => `render:${p.renderId}`,
  },
};
