import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type {
  ParticipantLoginResponse,
  ParticipantMeResponse,
  ParticipantView,
  PublicStudy,
} from '../../games/common/api.js';
import { StudiesService } from '../studies/studies.service.js';
import { CurrentPrincipal, ParticipantOnly, Public } from './auth.decorators.js';
import type { ParticipantPrincipal } from './auth.types.js';
import { ParticipantAuthService, publicStudy } from './participant-auth.service.js';
import { ConsentDto, ParticipantLoginDto } from './participant.dto.js';

/** The participant side: login, own profile, consent. */
@ApiTags('participant')
@Controller('participant')
export class ParticipantAuthController {
  constructor(
    private readonly auth: ParticipantAuthService,
    private readonly studies: StudiesService,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: ParticipantLoginDto): Promise<ParticipantLoginResponse> {
    return this.auth.login(dto);
  }

  @Public()
  @Get('study/:slug')
  async study(@Param('slug') slug: string): Promise<PublicStudy> {
    return publicStudy(await this.studies.findBySlug(slug));
  }

  @ApiBearerAuth()
  @ParticipantOnly()
  @Get('me')
  me(@CurrentPrincipal() principal: ParticipantPrincipal): Promise<ParticipantMeResponse> {
    return this.auth.me(principal);
  }

  @ApiBearerAuth()
  @ParticipantOnly()
  @Post('consent')
  @HttpCode(200)
  consent(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Body() _dto: ConsentDto,
  ): Promise<ParticipantView> {
    return this.auth.consent(principal);
  }
}
