import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { parseListQuery } from '../../common/list-query.js';
import { listResponse } from '../../common/list-response.js';
import { CurrentPrincipal, ParticipantOnly } from '../participants/auth.decorators.js';
import type { ParticipantPrincipal, ResearcherPrincipal } from '../participants/auth.types.js';
import { contentDisposition } from '../storage/http-headers.js';
import { ListQueryDto } from '../studies/study.dto.js';
import { checkRomBody, ROM_CONTENT_TYPE, ROM_LIMITS } from './rom-file.js';
import { UpdateRomDto, UploadRomQueryDto } from './rom.dto.js';
import type { RomEntity } from './rom.entity.js';
import { ROM_LIST, type RomDetail, RomsService, type RomView } from './roms.service.js';

/** Response headers that describe the ROM served with its bytes. */
export enum RomHeader {
  Id = 'X-Rom-Id',
  Md5 = 'X-Rom-Md5',
  GameProfile = 'X-Game-Profile',
}

function romFile(res: Response, rom: RomEntity, bytes: Uint8Array, filename?: string) {
  res.setHeader(RomHeader.Id, rom.id);
  res.setHeader(RomHeader.Md5, rom.md5);
  res.setHeader(RomHeader.GameProfile, rom.profileId);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(bytes, {
    type: ROM_CONTENT_TYPE,
    length: bytes.length,
    ...(filename ? { disposition: contentDisposition(filename) } : {}),
  });
}

/** The ROM library (researchers) and the participant's own study's ROM. */
@ApiTags('roms')
@ApiBearerAuth()
@Controller()
export class RomsController {
  constructor(private readonly roms: RomsService) {}

  @Post('roms')
  @ApiConsumes(ROM_CONTENT_TYPE)
  @ApiBody({
    description: `The cartridge image (${ROM_LIMITS.minBytes}-${ROM_LIMITS.maxBytes} bytes)`,
    schema: { type: 'string', format: 'binary' },
  })
  @ApiResponse({ status: 201, description: 'Added to the library' })
  @ApiResponse({ status: 200, description: 'Already in the library (same MD5): that ROM' })
  @ApiResponse({ status: 400, description: 'Too small, or no game profile given or known' })
  @ApiResponse({ status: 409, description: 'Already in the library with another name or profile' })
  @ApiResponse({ status: 413, description: 'Larger than 64 KiB' })
  async upload(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Query() query: UploadRomQueryDto,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RomView> {
    const bytes = checkRomBody(body, contentType);
    const { rom, created } = await this.roms.upload(principal, bytes, query);
    res.status(created ? 201 : 200);
    return rom;
  }

  @Get('roms')
  async list(
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RomView[]> {
    const q = parseListQuery(query, ROM_LIST);
    return listResponse(res, 'roms', q.skip, await this.roms.list(q));
  }

  @Get('roms/:id')
  get(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RomDetail> {
    return this.roms.get(principal, id);
  }

  @Patch('roms/:id')
  update(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRomDto,
  ): Promise<RomDetail> {
    return this.roms.update(principal, id, dto);
  }

  @Delete('roms/:id')
  @ApiResponse({ status: 409, description: 'A study names this ROM' })
  remove(
    @CurrentPrincipal() principal: ResearcherPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RomView> {
    return this.roms.remove(principal, id);
  }

  @Get('roms/:id/download')
  @ApiProduces(ROM_CONTENT_TYPE)
  async download(
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const rom = await this.roms.byId(id);
    const bytes = await this.roms.fileOf(rom);
    return romFile(res, rom, bytes, `${rom.name}.bin`);
  }

  /** The ROM of the participant's study, with its MD5 and game profile in the headers. */
  @ParticipantOnly()
  @Get('participant/rom')
  @ApiProduces(ROM_CONTENT_TYPE)
  @ApiResponse({ status: 200, description: `Headers ${Object.values(RomHeader).join(', ')}` })
  @ApiResponse({ status: 404, description: 'The study names no ROM, or it was deleted' })
  async participantRom(
    @CurrentPrincipal() principal: ParticipantPrincipal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { rom, bytes } = await this.roms.forParticipant(principal);
    return romFile(res, rom, bytes);
  }
}
