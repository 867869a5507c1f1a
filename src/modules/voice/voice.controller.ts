import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ParticipantOnly } from '../participants/auth.decorators.js';
import type { ParticipantPrincipal } from '../participants/auth.types.js';
import { VoiceTokenRequestDto, VoiceTokenResponse } from './voice.dto.js';
import { VoiceService } from './voice.service.js';

/** Voice for participants. WebRTC needs nothing here (settings and signaling go over the gateway). */
@ApiTags('voice')
@ApiBearerAuth()
@Controller('voice')
export class VoiceController {
  constructor(private readonly voice: VoiceService) {}

  @ParticipantOnly()
  @Post('token')
  @HttpCode(200)
  @ApiResponse({ status: 200, type: VoiceTokenResponse })
  @ApiResponse({ status: 403, description: 'Not a member of the session, or it has ended' })
  @ApiResponse({ status: 404, description: 'No such session' })
  @ApiResponse({ status: 409, description: 'This deployment uses WebRTC, not Twilio' })
  token(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Body() dto: VoiceTokenRequestDto,
  ): Promise<VoiceTokenResponse> {
    return this.voice.issueToken(principal, dto.sessionId);
  }
}
