import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Allow,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { type AddStudyMemberRequest, STUDY_KINDS, type StudyKind } from '../../games/common/api.js';

const SLUG = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;
const SLUG_MESSAGE =
  'slug must be 3-40 lowercase letters, digits or dashes, not starting or ending with a dash';

export class CreateStudyDto {
  @ApiProperty({ example: 'RoboTaxi pilot' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'robotaxi-pilot' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug: string;

  @ApiProperty({ enum: STUDY_KINDS })
  @IsIn(STUDY_KINDS)
  kind: StudyKind;

  @ApiProperty({
    description: 'Per-kind settings; validated for the kind',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  config: Record<string, unknown>;

  @ApiPropertyOptional({ example: '^[TWD]\\d{4,6}$' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  idPattern?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  requireAccessCode?: boolean;
}

/** A full record as the admin sends it back; read-only fields are accepted and ignored. */
export class UpdateStudyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug?: string;

  @ApiPropertyOptional({
    description: 'Cannot change; must equal the current kind if given',
    enum: STUDY_KINDS,
  })
  @IsOptional()
  @IsIn(STUDY_KINDS)
  kind?: StudyKind;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  idPattern?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  requireAccessCode?: boolean;

  @Allow() id?: unknown;
  @Allow() ownerId?: unknown;
  @Allow() participantCount?: unknown;
  @Allow() createdAt?: unknown;
  @Allow() updatedAt?: unknown;
}

export class ListQueryDto {
  @ApiPropertyOptional({ example: '["createdAt","DESC"]' })
  @IsOptional()
  @IsString()
  sort?: string;

  @ApiPropertyOptional({ example: '[0,24]' })
  @IsOptional()
  @IsString()
  range?: string;

  @ApiPropertyOptional({ example: '{}' })
  @IsOptional()
  @IsString()
  filter?: string;
}

/** `POST /api/studies/:id/members`. */
export class AddStudyMemberDto implements AddStudyMemberRequest {
  @ApiProperty({ example: 'colleague@lab.example', description: "The researcher account's email" })
  @IsString({ message: 'email must be a string' })
  @Matches(/^\s*[^\s@]+@[^\s@]+\s*$/, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;
}
