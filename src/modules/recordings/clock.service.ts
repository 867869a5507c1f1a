import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ClockSamplesResponse } from '../../games/common/recording.js';
import type { ParticipantPrincipal } from '../participants/auth.types.js';
import { ClockSampleEntity } from './clock-sample.entity.js';
import type { ClockSamplesDto } from './clock.dto.js';
import { serverNowMs } from './server-clock.js';

/** 2020-01-01: a serverMs before this is not a Unix time from this server. */
const EARLIEST_SERVER_MS = Date.UTC(2020, 0, 1);
/** How far in the future a sample's serverMs may be (clock steps, several instances). */
const FUTURE_SLACK_MS = 60_000;

/** Why a sample is not a plausible exchange with this server, or undefined. */
export function clockSampleProblem(
  s: { clientSendMs: number; serverMs: number; clientRecvMs: number },
  nowMs: number,
): string | undefined {
  if (s.clientRecvMs < s.clientSendMs)
    return `clientRecvMs (${s.clientRecvMs}) is before clientSendMs (${s.clientSendMs})`;
  if (s.serverMs < EARLIEST_SERVER_MS)
    return `serverMs (${s.serverMs}) is not a Unix time in ms from this server (before 2020)`;
  if (s.serverMs > nowMs + FUTURE_SLACK_MS)
    return `serverMs (${s.serverMs}) is in the future (server time now ${Math.round(nowMs)})`;
  return undefined;
}

@Injectable()
export class ClockService {
  constructor(
    @InjectRepository(ClockSampleEntity) private readonly samples: Repository<ClockSampleEntity>,
  ) {}

  /** Stores a participant's clock samples; repeats (same clockId + clientSendMs) are ignored. */
  async store(
    principal: ParticipantPrincipal,
    dto: ClockSamplesDto,
  ): Promise<ClockSamplesResponse> {
    const now = serverNowMs();
    const errors = dto.samples.flatMap((s, i) => {
      const problem = clockSampleProblem(s, now);
      return problem ? [{ field: `samples.${i}`, reason: problem }] : [];
    });
    if (errors.length)
      throw new BadRequestException({
        message: errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
        errors,
      });
    const result = await this.samples
      .createQueryBuilder()
      .insert()
      .into(ClockSampleEntity)
      .values(
        dto.samples.map((s) => ({
          participantId: principal.id,
          studyId: principal.studyId,
          clockId: dto.clockId,
          clientSendMs: s.clientSendMs,
          serverMs: s.serverMs,
          clientRecvMs: s.clientRecvMs,
          rttMs: s.clientRecvMs - s.clientSendMs,
          timeOrigin: dto.timeOrigin ?? null,
        })),
      )
      .orIgnore()
      .returning(['id'])
      .execute();
    const total = await this.samples.count({
      where: { participantId: principal.id, clockId: dto.clockId },
    });
    return { clockId: dto.clockId, stored: (result.raw as unknown[]).length, total };
  }
}
