import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Post,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ResearcherLoginResponse, ResearcherView } from '../../games/common/api.js';
import { CurrentPrincipal, Public, Roles } from './auth.decorators.js';
import { type ResearcherPrincipal, TokenScope } from './auth.types.js';
import { CreateResearcherDto, ResearcherLoginDto } from './participant.dto.js';
import { ResearcherRole } from './researcher.entity.js';
import { ResearchersService, toResearcherView } from './researchers.service.js';
import { TokenService } from './token.service.js';

@ApiTags('researchers')
@Controller()
export class AuthController {
  constructor(
    private readonly researchers: ResearchersService,
    private readonly tokens: TokenService,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() dto: ResearcherLoginDto): Promise<ResearcherLoginResponse> {
    const researcher = await this.researchers.verify(dto.email, dto.password);
    if (!researcher) throw new UnauthorizedException('Wrong email or password');
    const { token, expiresAt } = await this.tokens.sign({
      scope: TokenScope.Researcher,
      sub: researcher.id,
      role: researcher.role,
    });
    return { token, expiresAt, researcher: toResearcherView(researcher) };
  }

  @ApiBearerAuth()
  @Get('auth/me')
  async me(@CurrentPrincipal() principal: ResearcherPrincipal): Promise<ResearcherView> {
    const r = await this.researchers.findById(principal.id);
    if (!r) throw new NotFoundException('Researcher not found');
    return toResearcherView(r);
  }

  @ApiBearerAuth()
  @Roles(ResearcherRole.Admin)
  @Get('researchers')
  async list(): Promise<ResearcherView[]> {
    return (await this.researchers.list()).map(toResearcherView);
  }

  @ApiBearerAuth()
  @Roles(ResearcherRole.Admin)
  @Post('researchers')
  async create(@Body() dto: CreateResearcherDto): Promise<ResearcherView> {
    return toResearcherView(
      await this.researchers.create({
        ...dto,
        role: dto.role === 'admin' ? ResearcherRole.Admin : ResearcherRole.Researcher,
      }),
    );
  }
}
