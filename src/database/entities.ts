import { ParticipantEntity } from '../modules/participants/participant.entity.js';
import { ResearcherEntity } from '../modules/participants/researcher.entity.js';
import { EpisodeEntity } from '../modules/sessions/episode.entity.js';
import { SessionEntity } from '../modules/sessions/session.entity.js';
import { StudyEntity } from '../modules/studies/study.entity.js';

/** Every entity, listed explicitly (ESM has no reliable glob loading). */
export const ENTITIES = [
  ResearcherEntity,
  StudyEntity,
  ParticipantEntity,
  SessionEntity,
  EpisodeEntity,
];
