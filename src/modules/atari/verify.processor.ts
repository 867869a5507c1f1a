import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobName, type JobPayloads, QueueName } from '../queue/queue.constants.js';
import { EpisodeVerifier } from './episode-verifier.service.js';

/** Thin: the `verify` queue's jobs go to the EpisodeVerifier. */
@Processor(QueueName.Verify)
export class VerifyProcessor {
  constructor(private readonly verifier: EpisodeVerifier) {}

  @Process(JobName.VerifyEpisode)
  async verifyEpisode(job: Job<JobPayloads[JobName.VerifyEpisode]>): Promise<void> {
    await this.verifier.verify(job.data.episodeId);
  }
}
