import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Allow,
  Equals,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  PARTICIPANT_STATUSES,
  type ParticipantStatus,
  type WithdrawParticipantRequest,
} from '../../games/common/api.js';

export class CreateParticipantDto {
  @ApiProperty()
  @IsUUID()
  studyId: string;

  @ApiProperty({ example: 'T0001' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  participantId: string;

  @ApiPropertyOptional({ description: 'E.g. a Prolific PID' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string | null;

  @ApiPropertyOptional({ enum: PARTICIPANT_STATUSES })
  @IsOptional()
  @IsIn(PARTICIPANT_STATUSES)
  status?: ParticipantStatus;
}

/** A full record as the admin sends it back; read-only fields are accepted and ignored. */
export class UpdateParticipantDto {
  @ApiPropertyOptional({ enum: PARTICIPANT_STATUSES })
  @IsOptional()
  @IsIn(PARTICIPANT_STATUSES)
  status?: ParticipantStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  externalId?: string | null;

  @Allow() id?: unknown;
  @Allow() studyId?: unknown;
  @Allow() participantId?: unknown;
  @Allow() role?: unknown;
  @Allow() accessCode?: unknown;
  @Allow() inviteUrl?: unknown;
  @Allow() consentedAt?: unknown;
  @Allow() lastLoginAt?: unknown;
  @Allow() createdAt?: unknown;
  @Allow() updatedAt?: unknown;
}

/** `POST /api/participants/:id/withdraw`: the researcher says whether the audio goes too. */
export class WithdrawParticipantDto implements WithdrawParticipantRequest {
  @ApiProperty({
    description:
      "true: delete every audio track and clock sample of the participant's recordings as well",
  })
  @IsBoolean({ message: 'deleteRecordings must be true or false' })
  deleteRecordings: boolean;
}

export class RegisterRangeDto {
  @ApiProperty({ example: 'T0001-T0040' })
  @IsString()
  @Matches(/^\s*[A-Za-z]+\d+\s*(-\s*[A-Za-z]*\d+\s*)?$/, {
    message: 'range must look like T0001-T0040',
  })
  range: string;
}

export class ParticipantLoginDto {
  @ApiPropertyOptional({ description: "The study's slug; not needed with invite" })
  @ValidateIf((o: ParticipantLoginDto) => !o.invite)
  @IsString()
  @MinLength(1, { message: 'study is required' })
  @MaxLength(40)
  study?: string;

  @ApiPropertyOptional({ example: 'T0001' })
  @ValidateIf((o: ParticipantLoginDto) => !o.invite)
  @IsString()
  @MinLength(1, { message: 'participantId is required' })
  @MaxLength(32)
  participantId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  accessCode?: string;

  @ApiPropertyOptional({ description: 'Token from an invite link' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  invite?: string;
}

export class ConsentDto {
  @ApiProperty({ example: true })
  @Equals(true, { message: 'agree must be true' })
  agree: boolean;
}

export class ResearcherLoginDto {
  @ApiProperty()
  @IsString()
  @MinLength(3)
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class CreateResearcherDto {
  @ApiProperty()
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ['admin', 'researcher'] })
  @IsOptional()
  @IsIn(['admin', 'researcher'])
  role?: 'admin' | 'researcher';
}
