import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  type CreateTrackRequest,
  type ChunkUploadQuery,
  RECORDING_LIMITS,
  TRACK_KINDS,
  type TrackKind,
  type TrackSourceInfo,
} from '../../games/common/recording.js';

/** Largest `startSample + sampleCount` of a chunk: the column is a 32-bit integer. */
export const MAX_SEGMENT_SAMPLES = 2 ** 31 - 1;

const FINITE = { allowNaN: false, allowInfinity: false };

/** Query-string and path numbers arrive as text; '' stays '' (and fails) instead of becoming 0. */
const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

export class TrackParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'trackId must be a UUID' })
  trackId: string;
}

export class ChunkParamsDto extends TrackParamsDto {
  @ApiProperty({ minimum: 0, maximum: RECORDING_LIMITS.maxSeq })
  @Transform(toNumber)
  @IsInt({ message: 'seq must be an integer' })
  @Min(0, { message: 'seq must be at least 0' })
  @Max(RECORDING_LIMITS.maxSeq, { message: `seq must be at most ${RECORDING_LIMITS.maxSeq}` })
  seq: number;
}

export class TrackSourceDto implements TrackSourceInfo {
  @IsOptional() @IsString() @MaxLength(200) deviceLabel?: string;
  @IsOptional() @IsBoolean() echoCancellation?: boolean;
  @IsOptional() @IsBoolean() noiseSuppression?: boolean;
  @IsOptional() @IsBoolean() autoGainControl?: boolean;
  @IsOptional() @IsNumber(FINITE) @Min(0) @Max(10) inputLatencyS?: number;
  @IsOptional() @IsNumber(FINITE) @Min(0) @Max(10) baseLatencyS?: number;
  @IsOptional() @IsNumber(FINITE) @Min(0) @Max(10) outputLatencyS?: number;
  @IsOptional() @IsString() @MaxLength(500) userAgent?: string;
}

export class CreateTrackDto implements CreateTrackRequest {
  @ApiProperty({ enum: TRACK_KINDS })
  @IsIn(TRACK_KINDS, { message: `kind must be one of ${TRACK_KINDS.join(', ')}` })
  kind: TrackKind;

  @ApiProperty({ minimum: RECORDING_LIMITS.minSampleRate, maximum: RECORDING_LIMITS.maxSampleRate })
  @IsInt({ message: 'sampleRate must be an integer (Hz)' })
  @Min(RECORDING_LIMITS.minSampleRate)
  @Max(RECORDING_LIMITS.maxSampleRate)
  sampleRate: number;

  @ApiProperty({ enum: [1] })
  @Equals(1, { message: 'channels must be 1 (only mono is recorded)' })
  channels: 1;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required with episodeId' })
  @ValidateIf((o: CreateTrackDto) => isGiven(o.sessionId) || isGiven(o.episodeId))
  @IsDefined({ message: 'sessionId is required when episodeId is given' })
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'episodeId must be a UUID' })
  episodeId?: string;

  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  label?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrackSourceDto)
  source?: TrackSourceDto;
}

function isGiven(v: unknown): boolean {
  return v !== undefined && v !== null;
}

export class ChunkUploadQueryDto implements ChunkUploadQuery {
  @ApiProperty({ minimum: 0, maximum: RECORDING_LIMITS.maxSegments - 1 })
  @Transform(toNumber)
  @IsInt({ message: 'segment must be an integer' })
  @Min(0, { message: 'segment must be at least 0' })
  @Max(RECORDING_LIMITS.maxSegments - 1, {
    message: `segment must be below ${RECORDING_LIMITS.maxSegments} (RECORDING_LIMITS.maxSegments)`,
  })
  segment: number;

  @ApiProperty({ minimum: 0 })
  @Transform(toNumber)
  @IsInt({ message: 'startSample must be an integer' })
  @Min(0, { message: 'startSample must be at least 0' })
  @Max(MAX_SEGMENT_SAMPLES, { message: `startSample must be at most ${MAX_SEGMENT_SAMPLES}` })
  startSample: number;

  @ApiProperty({ minimum: RECORDING_LIMITS.minSampleRate, maximum: RECORDING_LIMITS.maxSampleRate })
  @Transform(toNumber)
  @IsInt({ message: 'sampleRate must be an integer (Hz)' })
  @Min(RECORDING_LIMITS.minSampleRate)
  @Max(RECORDING_LIMITS.maxSampleRate)
  sampleRate: number;

  @ApiProperty({ description: 'AudioContext time (s) of the first sample' })
  @Transform(toNumber)
  @IsNumber(FINITE, { message: 'contextTime must be a finite number (seconds)' })
  @Min(0, { message: 'contextTime must be at least 0' })
  contextTime: number;

  @ApiProperty({
    description: 'performance.now() (ms) of clockId when the first sample was captured',
  })
  @Transform(toNumber)
  @IsNumber(FINITE, { message: 'captureMs must be a finite number (ms)' })
  captureMs: number;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'clockId must be a UUID' })
  clockId: string;
}
