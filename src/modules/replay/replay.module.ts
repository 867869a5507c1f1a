import { BullModule } from '@nestjs/bull';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '../queue/queue.constants.js';
import { RecordingEntity } from '../recordings/recording.entity.js';
import { EpisodeEntity } from '../sessions/episode.entity.js';
import { StudiesModule } from '../studies/studies.module.js';
import { StudyEntity } from '../studies/study.entity.js';
import { MediaAdapter } from './media.adapter.js';
import { RenderEvents } from './render-events.service.js';
import { RenderInputs } from './render-inputs.service.js';
import { RenderEntity } from './render.entity.js';
import { RenderProcessor } from './render.processor.js';
import { RenderRunner } from './render-runner.service.js';
import { RendersController } from './renders.controller.js';
import { RendersService } from './renders.service.js';

export interface ReplayModuleOptions {
  /** A job queue (Redis) exists: renders can be requested. */
  queue: boolean;
  /** This process renders (the worker always; the API unless RENDER_IN_API=false). */
  process: boolean;
  /** Bull's job lock: a dead worker's job is taken up again about this long after it died. */
  jobLockMs: number;
}

/**
 * Episode videos (flow 7): the `render` queue, its processor, the frame sources, the ffmpeg
 * command and the media adapter. Without a queue the REST API answers 503 for new renders.
 */
@Module({})
export class ReplayModule {
  static forRoot(options: ReplayModuleOptions): DynamicModule {
    return {
      module: ReplayModule,
      imports: [
        TypeOrmModule.forFeature([RenderEntity, EpisodeEntity, RecordingEntity, StudyEntity]),
        StudiesModule,
        ...(options.queue
          ? [
              BullModule.registerQueue({
                name: QueueName.Render,
                settings: {
                  lockDuration: options.jobLockMs,
                  stalledInterval: options.jobLockMs,
                  maxStalledCount: 2,
                },
              }),
            ]
          : []),
      ],
      controllers: [RendersController],
      providers: [
        RendersService,
        RenderRunner,
        RenderInputs,
        RenderEvents,
        MediaAdapter,
        ...(options.queue && options.process ? [RenderProcessor] : []),
      ],
      exports: [RendersService, RenderEvents],
    };
  }
}
