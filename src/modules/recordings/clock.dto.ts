import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNumber,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import {
  type ClockPingRequest,
  type ClockSample,
  type ClockSamplesRequest,
  RECORDING_LIMITS,
} from '../../games/common/recording.js';

const FINITE = { allowNaN: false, allowInfinity: false };

export class ClockPingDto implements ClockPingRequest {
  @ApiProperty({ description: "The client's performance.now() when it sent the ping" })
  @IsNumber(FINITE, { message: 'clientSendMs must be a finite number' })
  clientSendMs: number;
}

export class ClockSampleDto implements ClockSample {
  @ApiProperty()
  @IsNumber(FINITE, { message: 'clientSendMs must be a finite number' })
  clientSendMs: number;

  @ApiProperty()
  @IsNumber(FINITE, { message: 'serverMs must be a finite number' })
  serverMs: number;

  @ApiProperty()
  @IsNumber(FINITE, { message: 'clientRecvMs must be a finite number' })
  clientRecvMs: number;
}

export class ClockSamplesDto implements ClockSamplesRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'clockId must be a UUID' })
  clockId: string;

  @ApiPropertyOptional({ description: 'performance.timeOrigin of the page (Unix ms)' })
  @IsOptional()
  @IsNumber(FINITE, { message: 'timeOrigin must be a finite number' })
  timeOrigin?: number;

  @ApiProperty({ type: [ClockSampleDto], maxItems: RECORDING_LIMITS.maxClockSamplesPerPost })
  @IsArray({ message: 'samples must be an array' })
  @ArrayMinSize(1, { message: 'samples must hold at least one sample' })
  @ArrayMaxSize(RECORDING_LIMITS.maxClockSamplesPerPost, {
    message: `samples may hold at most ${RECORDING_LIMITS.maxClockSamplesPerPost} samples per post (RECORDING_LIMITS.maxClockSamplesPerPost)`,
  })
  @ValidateNested({ each: true })
  @Type(() => ClockSampleDto)
  samples: ClockSampleDto[];
}
