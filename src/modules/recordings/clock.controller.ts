import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ClockPingResponse, ClockSamplesResponse } from '../../games/common/recording.js';
import { CurrentPrincipal, ParticipantOnly, Public } from '../participants/auth.decorators.js';
import type { ParticipantPrincipal } from '../participants/auth.types.js';
import { ClockPingDto, ClockSamplesDto } from './clock.dto.js';
import { ClockService } from './clock.service.js';
import { serverNowMs } from './server-clock.js';

/** NTP-style clock sync over HTTP: pings answered at once, and the client's samples stored. */
@ApiTags('clock')
@Controller('clock')
export class ClockController {
  constructor(private readonly clock: ClockService) {}

  /** No token, no database: as little as possible between receiving and answering. */
  @Public()
  @Post('ping')
  @HttpCode(200)
  ping(@Body() dto: ClockPingDto): ClockPingResponse {
    return { clientSendMs: dto.clientSendMs, serverMs: serverNowMs() };
  }

  @ApiBearerAuth()
  @ParticipantOnly()
  @Post('samples')
  @HttpCode(200)
  samples(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Body() dto: ClockSamplesDto,
  ): Promise<ClockSamplesResponse> {
    return this.clock.store(principal, dto);
  }
}
