import type { JobOptions } from 'bull';

/** Bull queues. One per kind of work, so that a slow render never delays a verification. */
export enum QueueName {
  Verify = 'verify',
}

export enum JobName {
  /** Re-emulate an Atari episode and compare its frame hashes (flow 4). */
  VerifyEpisode = 'verify-episode',
}

/** The payload of each job (typed, so producers and processors cannot disagree). */
export interface JobPayloads {
  [JobName.VerifyEpisode]: { episodeId: string };
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
};
