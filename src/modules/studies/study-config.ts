import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  validateSync,
} from 'class-validator';
import type { StudyKind } from '../../games/common/api.js';
import { flattenValidationErrors } from '../../common/validation.js';

/** The browser's processing of the mic signal (see `RecordingProcessing`): all off by default. */
export class RecordingProcessingConfig {
  @IsBoolean()
  echoCancellation = false;

  @IsBoolean()
  noiseSuppression = false;

  @IsBoolean()
  autoGainControl = false;
}

/** Texts every study shows its participants, and how it records them. */
class CommonStudyConfig {
  @IsString()
  @MinLength(1, { message: 'consentText must not be empty' })
  @MaxLength(50_000)
  consentText: string;

  @IsString()
  @MinLength(1, { message: 'instructions must not be empty' })
  @MaxLength(50_000)
  instructions: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  completionCode?: string;

  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  completionRedirectUrl?: string;

  @ValidateNested()
  @Type(() => RecordingProcessingConfig)
  recording: RecordingProcessingConfig = new RecordingProcessingConfig();
}

/** Wizard-of-Oz RoboTaxi; the game issue adds map, rewards, countdowns and voice settings. */
export class RobotaxiStudyConfig extends CommonStudyConfig {
  @IsInt()
  @Min(250)
  @Max(10_000)
  stepMs = 1250;

  @IsInt()
  @Min(1)
  @Max(20)
  rounds = 3;

  @IsInt()
  @Min(10)
  @Max(1000)
  stepLimit = 100;
}

/** Atari demonstration; the Atari issue adds ROM binding, questionnaire and recording options. */
export class AtariStudyConfig extends CommonStudyConfig {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  romId?: string;

  @IsNumber()
  @Min(0)
  @Max(30)
  trialMinutes = 1;

  @IsNumber()
  @Min(1)
  @Max(120)
  sessionMinutes = 10;
}

const CONFIG_CLASS: Record<StudyKind, new () => CommonStudyConfig> = {
  'woz-robotaxi': RobotaxiStudyConfig,
  'atari-demo': AtariStudyConfig,
};

/**
 * Validates a study's config for its kind, fills in defaults and drops nothing silently:
 * unknown keys are an error. Throws a 400 naming each bad field as `config.<field>`.
 */
export function validateStudyConfig(kind: StudyKind, raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new BadRequestException({
      message: 'config: must be an object',
      errors: [{ field: 'config', reason: 'must be an object' }],
    });
  const instance = plainToInstance(CONFIG_CLASS[kind], raw, { exposeDefaultValues: true });
  const errors = flattenValidationErrors(
    validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }),
    'config',
  );
  if (errors.length)
    throw new BadRequestException({
      message: errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
      errors,
    });
  return JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
}
