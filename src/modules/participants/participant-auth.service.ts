import { timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type {
  ParticipantLoginResponse,
  ParticipantMeResponse,
  ParticipantStudyView,
  ParticipantView,
  RecordingProcessing,
  PublicStudy,
} from '../../games/common/api.js';
import { StudiesService } from '../studies/studies.service.js';
import type { StudyEntity } from '../studies/study.entity.js';
import { type ParticipantPrincipal, TokenScope } from './auth.types.js';
import type { ParticipantLoginDto } from './participant.dto.js';
import { ParticipantEntity } from './participant.entity.js';
import { TokenService } from './token.service.js';

const BAD_LOGIN = 'Unknown participant ID for this study, or wrong access code';

function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function publicStudy(s: StudyEntity): PublicStudy {
  return { slug: s.slug, name: s.name, kind: s.kind, requireAccessCode: s.requireAccessCode };
}

function studyView(s: StudyEntity): ParticipantStudyView {
  const c = s.config;
  const str = (k: string) => (typeof c[k] === 'string' ? c[k] : undefined);
  return {
    id: s.id,
    ...publicStudy(s),
    consentText: str('consentText') ?? '',
    instructions: str('instructions') ?? '',
    completionCode: str('completionCode'),
    completionRedirectUrl: str('completionRedirectUrl'),
    recording: recordingProcessing(c.recording),
  };
}

/** The study's `config.recording`, all off where unset (studies created before it existed). */
function recordingProcessing(raw: unknown): RecordingProcessing {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    echoCancellation: r.echoCancellation === true,
    noiseSuppression: r.noiseSuppression === true,
    autoGainControl: r.autoGainControl === true,
  };
}

function participantView(p: ParticipantEntity): ParticipantView {
  return {
    id: p.id,
    participantId: p.participantId,
    role: p.role,
    status: p.status,
    consentedAt: p.consentedAt?.toISOString() ?? null,
  };
}

/** Participant login (study + ID [+ access code], or invite link), and the participant's own view. */
@Injectable()
export class ParticipantAuthService {
  constructor(
    @InjectRepository(ParticipantEntity)
    private readonly participants: Repository<ParticipantEntity>,
    private readonly studies: StudiesService,
    private readonly tokens: TokenService,
  ) {}

  async login(dto: ParticipantLoginDto): Promise<ParticipantLoginResponse> {
    let participant: ParticipantEntity | null;
    let study: StudyEntity;
    if (dto.invite) {
      participant = await this.participants.findOne({
        where: { inviteToken: dto.invite },
        relations: { study: true },
      });
      if (!participant?.study) throw new UnauthorizedException('This invite link is not valid');
      study = participant.study;
    } else {
      study = await this.studies.findBySlug(dto.study!);
      participant = await this.participants.findOne({
        where: { studyId: study.id, participantId: dto.participantId!.trim().toUpperCase() },
      });
      if (!participant) throw new UnauthorizedException(BAD_LOGIN);
      if (study.requireAccessCode) {
        const given = (dto.accessCode ?? '').trim().toUpperCase();
        if (!participant.accessCode || !sameSecret(given, participant.accessCode))
          throw new UnauthorizedException(BAD_LOGIN);
      }
    }
    if (participant.status === 'withdrawn')
      throw new ForbiddenException('You have withdrawn from this study');
    participant.lastLoginAt = new Date();
    if (participant.status === 'registered') participant.status = 'active';
    await this.participants.update(
      { id: participant.id },
      { lastLoginAt: participant.lastLoginAt, status: participant.status },
    );
    const { token, expiresAt } = await this.tokens.sign({
      scope: TokenScope.Participant,
      sub: participant.id,
      studyId: study.id,
      pid: participant.participantId,
      role: participant.role,
    });
    return { token, expiresAt, participant: participantView(participant), study: studyView(study) };
  }

  async me(principal: ParticipantPrincipal): Promise<ParticipantMeResponse> {
    const p = await this.participants.findOneOrFail({
      where: { id: principal.id },
      relations: { study: true },
    });
    return { participant: participantView(p), study: studyView(p.study!) };
  }

  async consent(principal: ParticipantPrincipal): Promise<ParticipantView> {
    const p = await this.participants.findOneOrFail({ where: { id: principal.id } });
    if (!p.consentedAt) {
      p.consentedAt = new Date();
      await this.participants.update({ id: p.id }, { consentedAt: p.consentedAt });
    }
    return participantView(p);
  }
}
