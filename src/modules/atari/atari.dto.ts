import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

/** `POST /api/atari/episodes`: the game is the study's ROM (`config.romId`). */
export class StartAtariEpisodeDto {
  @ApiPropertyOptional({ description: 'A practice trial (recorded, flagged practice)' })
  @IsOptional()
  @IsBoolean()
  practice?: boolean;
}

export class EpisodeParamsDto {
  @IsUUID()
  episodeId: string;
}

export class BatchParamsDto extends EpisodeParamsDto {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  seq: number;
}

export const EPISODE_END_REASONS = ['game-over', 'time-up', 'quit', 'practice-over'] as const;

export class EndAtariEpisodeDto {
  @ApiProperty({ description: 'Frames the client emulated (all must have been uploaded)' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  frames: number;

  @ApiProperty({ enum: EPISODE_END_REASONS })
  @IsIn(EPISODE_END_REASONS)
  outcome: (typeof EPISODE_END_REASONS)[number];
}

export class FramesQueryDto {
  @ApiPropertyOptional({ enum: ['ozlab', 'agc', 'trajectory'] })
  @IsOptional()
  @IsIn(['ozlab', 'agc', 'trajectory'])
  format?: 'ozlab' | 'agc' | 'trajectory';
}

export class ImportQueryDto {
  @ApiProperty({ description: 'The game profile of the trajectory (e.g. space-invaders)' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  profileId: string;
}
