import {
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import type { VoiceSettings } from '../../games/common/robotaxi-events.js';
import type { ParticipantPrincipal } from '../participants/auth.types.js';
import { SessionEntity, SessionStatus } from '../sessions/session.entity.js';
import { TwilioAdapter } from './twilio.adapter.js';
import type { VoiceTokenResponse } from './voice.dto.js';

const ENDED: readonly SessionStatus[] = [SessionStatus.Completed, SessionStatus.Aborted];

/**
 * Voice between a session's teacher and wizard. WebRTC (the default) needs only the settings the
 * gateway puts in `SessionView.voice`, signaling going over the gateway; Twilio also needs a Video
 * access token per member, issued here to the two members of a session that is still going.
 */
@Injectable()
export class VoiceService {
  private readonly logger = new Logger(VoiceService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly twilio: TwilioAdapter,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  /** What a session's client needs to start its voice link; `twoWay` comes from the study. */
  settings(twoWay: boolean): VoiceSettings {
    const { provider, iceServers } = this.config.voice;
    return { provider, iceServers: provider === 'webrtc' ? iceServers : [], twoWay };
  }

  /** A Twilio Video token for room = the session id, identity = the participant's ID (T0007). */
  async issueToken(
    principal: ParticipantPrincipal,
    sessionId: string,
  ): Promise<VoiceTokenResponse> {
    const twilio = this.config.voice.twilio;
    if (this.config.voice.provider !== 'twilio' || !twilio)
      throw new ConflictException(
        'Voice runs over WebRTC in this deployment; no Twilio token is needed',
      );
    const session = await this.sessions.findOne({
      where: { id: sessionId },
      select: { id: true, status: true, teacherId: true, wizardId: true },
    });
    if (!session) throw new NotFoundException(`Session ${sessionId} not found`);
    if (session.teacherId !== principal.id && session.wizardId !== principal.id)
      throw new ForbiddenException(
        `You (${principal.participantId}) are not the teacher or the wizard of session ${sessionId}`,
      );
    if (ENDED.includes(session.status))
      throw new ForbiddenException(
        `Session ${sessionId} has ended (${session.status}): its voice room is closed`,
      );
    const room = session.id;
    const identity = principal.participantId;
    const { token, expiresAt } = this.twilio.createVideoToken({
      identity,
      room,
      ttlS: twilio.tokenTtlS,
    });
    this.logger.log(`Twilio Video token for ${identity} in session ${room} until ${expiresAt}`);
    return { token, room, identity, expiresAt };
  }
}
