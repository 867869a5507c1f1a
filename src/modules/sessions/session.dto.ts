import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { ExportFormat } from './session-export.service.js';

/** `POST /api/sessions`: a researcher pairs a teacher with a wizard (participant row ids). */
export class CreatePairingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studyId: string;

  @ApiProperty({ format: 'uuid', description: 'The teacher participant row id' })
  @IsUUID()
  teacherId: string;

  @ApiProperty({ format: 'uuid', description: 'The wizard participant row id' })
  @IsUUID()
  wizardId: string;
}

export class ExportQueryDto {
  @ApiPropertyOptional({
    enum: ['ozlab', 'compat'],
    description: 'ozlab: everything stored · compat: the original study log shape',
  })
  @IsOptional()
  @IsIn(['ozlab', 'compat'])
  format?: ExportFormat;
}
