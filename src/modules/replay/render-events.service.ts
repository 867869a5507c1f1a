import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import type { Queue } from 'bull';
import { type Observable, Subject } from 'rxjs';
import { QueueName } from '../queue/queue.constants.js';
import type { RenderStatus } from './render.entity.js';

/** A render's status or progress changed. */
export interface RenderEvent {
  renderId: string;
  episodeId: string;
  studyId: string;
  status: RenderStatus;
  framesWritten: number;
  framesTotal: number | null;
  error: string | null;
}

interface Envelope {
  origin: string;
  event: RenderEvent;
}

const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Envelope).origin === 'string' &&
  typeof (value as Envelope).event === 'object';

/**
 * Render progress as a stream, for a dashboard gateway to push. Events published with the job
 * that caused them also travel through Bull's progress channel (Redis pub/sub), so that an API
 * process sees the progress of renders running in a separate worker; each process drops the
 * copies of its own events.
 */
@Injectable()
export class RenderEvents implements OnModuleInit {
  private readonly subject = new Subject<RenderEvent>();
  private readonly origin = randomUUID();
  readonly events$: Observable<RenderEvent> = this.subject.asObservable();

  constructor(@Optional() @InjectQueue(QueueName.Render) private readonly queue?: Queue) {}

  onModuleInit(): void {
    this.queue?.on('global:progress', (_jobId: string, progress: unknown) => {
      if (isEnvelope(progress) && progress.origin !== this.origin)
        this.subject.next(progress.event);
    });
  }

  publish(event: RenderEvent, job?: { progress(data: object): Promise<unknown> }): void {
    this.subject.next(event);
    // Progress is best effort: a Redis hiccup must not fail the render.
    if (job) job.progress({ origin: this.origin, event } satisfies Envelope).catch(() => undefined);
  }
}
