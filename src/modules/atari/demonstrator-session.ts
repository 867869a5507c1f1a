import { ForbiddenException } from '@nestjs/common';
import { type EntityManager, In, Not, type Repository } from 'typeorm';
import type { ParticipantPrincipal } from '../participants/auth.types.js';
import { SessionEntity, SessionStatus } from '../sessions/session.entity.js';
import type { StudyEntity } from '../studies/study.entity.js';

/** The caller's study, when they are a demonstrator of an Atari study; 403 otherwise. */
export async function demonstratorStudy(
  studies: Repository<StudyEntity>,
  principal: ParticipantPrincipal,
): Promise<StudyEntity> {
  if (principal.role !== 'demonstrator')
    throw new ForbiddenException('Only demonstrators play Atari episodes');
  const study = await studies.findOne({
    where: { id: principal.studyId },
    select: { id: true, kind: true, config: true },
  });
  if (study?.kind !== 'atari-demo') throw new ForbiddenException('This study has no Atari games');
  return study;
}

/**
 * Serialises the changes to a demonstrator's session (a new episode, the questionnaire, the
 * completion) until the end of the transaction `tx`: without it, an episode could start between
 * the completion's check that none is running and its commit.
 */
export async function lockDemonstrator(tx: EntityManager, participantId: string): Promise<void> {
  await tx.query('SELECT 1 FROM "participants" WHERE "id" = $1 FOR UPDATE', [participantId]);
}

/** The demonstrator's current session: the open one, else the newest; null before the first. */
export async function currentSession(
  sessions: Repository<SessionEntity>,
  demonstratorId: string,
): Promise<SessionEntity | null> {
  const open = await sessions.findOne({
    where: { demonstratorId, status: Not(In([SessionStatus.Completed, SessionStatus.Aborted])) },
    order: { createdAt: 'DESC' },
  });
  return open ?? sessions.findOne({ where: { demonstratorId }, order: { createdAt: 'DESC' } });
}
