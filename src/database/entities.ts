import { FrameBatchEntity } from '../modules/atari/frame-batch.entity.js';
import { ParticipantEntity } from '../modules/participants/participant.entity.js';
import { ResearcherEntity } from '../modules/participants/researcher.entity.js';
import { ClockSampleEntity } from '../modules/recordings/clock-sample.entity.js';
import { RecordingChunkEntity } from '../modules/recordings/recording-chunk.entity.js';
import { RecordingEntity } from '../modules/recordings/recording.entity.js';
import { RenderEntity } from '../modules/replay/render.entity.js';
import { RomEntity } from '../modules/roms/rom.entity.js';
import { EpisodeEntity } from '../modules/sessions/episode.entity.js';
import { FeedbackEntity } from '../modules/sessions/feedback.entity.js';
import { SessionEntity } from '../modules/sessions/session.entity.js';
import { StepEntity } from '../modules/sessions/step.entity.js';
import { StudyMemberEntity } from '../modules/studies/study-member.entity.js';
import { StudyEntity } from '../modules/studies/study.entity.js';

/** Every entity, listed explicitly (ESM has no reliable glob loading). */
export const ENTITIES = [
  ResearcherEntity,
  StudyEntity,
  StudyMemberEntity,
  ParticipantEntity,
  SessionEntity,
  EpisodeEntity,
  StepEntity,
  FeedbackEntity,
  FrameBatchEntity,
  RecordingEntity,
  RecordingChunkEntity,
  ClockSampleEntity,
  RomEntity,
  RenderEntity,
];
