import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDivisibleBy,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  RENDER_AUDIO_MODES,
  RENDER_CONTAINERS,
  RENDER_LIMITS,
  type RenderAudioMode,
  type RenderContainer,
} from './render-options.js';

const EVEN = (field: string) => ({
  message: `${field} must be an even number of pixels (H.264 4:2:0)`,
});

/** Body of `POST /episodes/:id/renders`; every field optional (the game's default). */
export class RenderOptionsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 60, description: 'default: RoboTaxi 30, Atari 60' })
  @IsOptional()
  @IsInt()
  @Min(RENDER_LIMITS.minFps)
  @Max(RENDER_LIMITS.maxFps)
  fps?: number;

  @ApiPropertyOptional({ minimum: 160, maximum: 3840, description: 'default: 1280 / 640' })
  @IsOptional()
  @IsInt()
  @Min(RENDER_LIMITS.minWidth)
  @Max(RENDER_LIMITS.maxWidth)
  @IsDivisibleBy(2, EVEN('width'))
  width?: number;

  @ApiPropertyOptional({ minimum: 120, maximum: 2160, description: 'default: 720 / 480' })
  @IsOptional()
  @IsInt()
  @Min(RENDER_LIMITS.minHeight)
  @Max(RENDER_LIMITS.maxHeight)
  @IsDivisibleBy(2, EVEN('height'))
  height?: number;

  @ApiPropertyOptional({
    enum: RENDER_AUDIO_MODES,
    description: 'mix: one stream; separate: one stream per track; none (default mix)',
  })
  @IsOptional()
  @IsIn(RENDER_AUDIO_MODES)
  audio?: RenderAudioMode;

  @ApiPropertyOptional({ enum: RENDER_CONTAINERS, description: 'default mp4' })
  @IsOptional()
  @IsIn(RENDER_CONTAINERS)
  container?: RenderContainer;
}

/** Body of `POST /renders/bulk`. */
export class BulkRenderDto {
  @ApiProperty({ type: [String], description: '1 to 200 episode ids' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  episodeIds: string[];

  @ApiPropertyOptional({ type: RenderOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RenderOptionsDto)
  options?: RenderOptionsDto;
}
