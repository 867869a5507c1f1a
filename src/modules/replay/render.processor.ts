import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobName, type JobPayloads, QueueName } from '../queue/queue.constants.js';
import { RenderRunner } from './render-runner.service.js';

/** Thin: the `render` queue's jobs go to the RenderRunner, one at a time per process. */
@Processor(QueueName.Render)
export class RenderProcessor {
  constructor(private readonly runner: RenderRunner) {}

  @Process({ name: JobName.RenderEpisode, concurrency: 1 })
  async renderEpisode(job: Job<JobPayloads[JobName.RenderEpisode]>): Promise<void> {
    await this.runner.run(job.data.renderId, {
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      discard: () => void job.discard().catch(() => undefined),
      progress: (data) => job.progress(data),
    });
  }
}
