import { randomInt } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, type Repository } from 'typeorm';
import type { ParticipantPrincipal } from '../participants/auth.types.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { StudyEntity } from '../studies/study.entity.js';
import { SessionEntity, SessionStatus } from './session.entity.js';

const CLOSED = [SessionStatus.Completed, SessionStatus.Aborted];

/** Why a participant cannot play now, in words for them (the teacher never hears of a wizard). */
export class PairingRefused extends Error {}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

/**
 * Who plays with whom in a RoboTaxi study (flow 3). By default T0007 pairs with W0007 (same
 * number); a researcher can pair any teacher with any wizard of the study instead. A participant
 * is in at most one open session: partial unique indexes on the sessions table make two pages
 * pairing at the same moment end in one session.
 */
@Injectable()
export class PairingService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(ParticipantEntity)
    private readonly participants: Repository<ParticipantEntity>,
    @InjectRepository(StudyEntity) private readonly studies: Repository<StudyEntity>,
  ) {}

  /** The participant's session: their open one, else a new automatic pairing, else their last. */
  async sessionFor(principal: ParticipantPrincipal): Promise<SessionEntity> {
    if (principal.role !== 'teacher' && principal.role !== 'wizard')
      throw new PairingRefused('Only teachers and wizards take part in this study');
    const study = await this.studies.findOne({
      where: { id: principal.studyId },
      select: { id: true, kind: true },
    });
    if (study?.kind !== 'woz-robotaxi')
      throw new PairingRefused('This study has no RoboTaxi sessions');
    const me = await this.participants.findOne({
      where: { id: principal.id },
      select: { id: true, consentedAt: true },
    });
    if (!me?.consentedAt) throw new PairingRefused('Please read and accept the consent form first');
    const column = principal.role === 'teacher' ? 'teacherId' : 'wizardId';
    const open = await this.sessions.findOne({
      where: { [column]: principal.id, status: Not(In(CLOSED)) },
    });
    if (open) return open;
    try {
      return await this.pairAutomatically(principal);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The partner's page paired at the same moment: use that session.
      const raced = await this.sessions.findOne({
        where: { [column]: principal.id, status: Not(In(CLOSED)) },
      });
      if (raced) return raced;
      throw new PairingRefused('Your partner is already in another session');
    }
  }

  private async pairAutomatically(principal: ParticipantPrincipal): Promise<SessionEntity> {
    const last = await this.sessions.findOne({
      where: [
        { teacherId: principal.id, status: In(CLOSED) },
        { wizardId: principal.id, status: In(CLOSED) },
      ],
      order: { createdAt: 'DESC' },
    });
    // One session per participant: a finished one is shown again (its completion page).
    if (last) return last;
    const number = principal.participantId.slice(1);
    const partnerId = (principal.role === 'teacher' ? 'W' : 'T') + number;
    const partner = await this.participants.findOne({
      where: { studyId: principal.studyId, participantId: partnerId },
    });
    if (!partner || partner.status === 'withdrawn')
      throw new PairingRefused(
        principal.role === 'teacher'
          ? 'Your session is not set up yet. Please tell the researcher.'
          : `Your teacher ${partnerId} is not registered in this study. Please tell the researcher.`,
      );
    const teacherId = principal.role === 'teacher' ? principal.id : partner.id;
    const wizardId = principal.role === 'wizard' ? principal.id : partner.id;
    return this.sessions.save(
      this.sessions.create({
        studyId: principal.studyId,
        kind: 'woz-robotaxi',
        status: SessionStatus.Waiting,
        phase: 'lobby',
        teacherId,
        wizardId,
        seed: randomInt(0, 2 ** 31 - 1),
        pairing: 'auto',
      }),
    );
  }

  /** A researcher pairs a teacher with a wizard of the same study (ids are participant rows). */
  async pairExplicitly(
    studyId: string,
    teacherId: string,
    wizardId: string,
  ): Promise<SessionEntity> {
    const study = await this.studies.findOne({
      where: { id: studyId },
      select: { id: true, kind: true },
    });
    if (!study) throw new NotFoundException(`Study ${studyId} not found`);
    if (study.kind !== 'woz-robotaxi')
      throw new BadRequestException('studyId: only RoboTaxi studies pair teachers with wizards');
    const members = await this.participants.find({
      where: { id: In([teacherId, wizardId]), studyId },
    });
    const teacher = members.find((m) => m.id === teacherId);
    const wizard = members.find((m) => m.id === wizardId);
    if (teacher?.role !== 'teacher')
      throw new BadRequestException('teacherId: not a teacher of this study');
    if (wizard?.role !== 'wizard')
      throw new BadRequestException('wizardId: not a wizard of this study');
    try {
      return await this.sessions.save(
        this.sessions.create({
          studyId,
          kind: 'woz-robotaxi',
          status: SessionStatus.Waiting,
          phase: 'lobby',
          teacherId,
          wizardId,
          seed: randomInt(0, 2 ** 31 - 1),
          pairing: 'researcher',
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictException(
          `${teacher.participantId} or ${wizard.participantId} is already in an open session`,
        );
      throw error;
    }
  }
}
