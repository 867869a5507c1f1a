import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseListQuery } from '../../common/list-query.js';
import { listResponse } from '../../common/list-response.js';
import { CurrentPrincipal } from '../participants/auth.decorators.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { ListQueryDto } from '../studies/study.dto.js';
import { BulkRenderDto, RenderOptionsDto } from './render.dto.js';
import type { RenderEntity } from './render.entity.js';
import { RENDER_LIST, RendersService } from './renders.service.js';

/** Episode videos (researcher token): request, list, cancel, re-render, download. */
@ApiTags('renders')
@ApiBearerAuth()
@Controller()
export class RendersController {
  constructor(private readonly renders: RendersService) {}

  /**
   * Queues a render of the episode (201), or answers with the render of the same options: as it
   * is while queued or rendering, re-queued when it had finished (200).
   */
  @Post('episodes/:id/renders')
  async create(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RenderOptionsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RenderEntity> {
    const { render, created } = await this.renders.create(principal, id, body);
    res.status(created ? 201 : 200);
    return render;
  }

  @Post('renders/bulk')
  bulk(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Body() body: BulkRenderDto,
  ): Promise<RenderEntity[]> {
    return this.renders.bulk(principal, body.episodeIds, body.options ?? {});
  }

  @Get('renders')
  async list(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RenderEntity[]> {
    const q = parseListQuery(query, RENDER_LIST);
    return listResponse(res, 'renders', q.skip, await this.renders.list(principal, q));
  }

  @Get('renders/:id')
  get(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RenderEntity> {
    return this.renders.get(principal, id);
  }

  @Post('renders/:id/cancel')
  @HttpCode(200)
  cancel(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RenderEntity> {
    return this.renders.cancel(principal, id);
  }

  /** Renders a finished (completed, failed or cancelled) render again, replacing its file. */
  @Post('renders/:id/retry')
  @HttpCode(200)
  retry(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RenderEntity> {
    return this.renders.retry(principal, id);
  }

  /** A signed link to the file, valid for an hour. */
  @Get('renders/:id/download')
  download(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ url: string; expiresAt: string }> {
    return this.renders.download(principal, id);
  }
}
