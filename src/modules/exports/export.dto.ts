import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { MAX_SELECTION_IDS } from './export-plan.js';

/** `GET /api/studies/:id/export.zip?from&to&includePractice` */
export class StudyExportQueryDto {
  @ApiPropertyOptional({
    description:
      'Sessions that started (or, never started, were created) at or after this ISO date-time',
    example: '2025-03-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description:
      'Sessions that started before this ISO date-time; a bare date (2025-03-31) includes that day',
    example: '2025-03-31',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Practice episodes in summary.csv and the per-episode files (default true)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  includePractice?: 'true' | 'false';
}

/** `POST /api/exports`: whole sessions and/or single episodes (with their session's JSON and audio). */
export class SelectionExportDto {
  @ApiPropertyOptional({ type: [String], description: `Up to ${MAX_SELECTION_IDS} session ids` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SELECTION_IDS)
  @IsUUID('all', { each: true })
  sessionIds?: string[];

  @ApiPropertyOptional({ type: [String], description: `Up to ${MAX_SELECTION_IDS} episode ids` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SELECTION_IDS)
  @IsUUID('all', { each: true })
  episodeIds?: string[];
}

export interface StudyExportFilter {
  from: Date | null;
  to: Date | null;
  includePractice: boolean;
}

const DAY_MS = 24 * 3600 * 1000;

function bad(field: string, reason: string): BadRequestException {
  return new BadRequestException({ message: `${field}: ${reason}`, errors: [{ field, reason }] });
}

function instant(field: 'from' | 'to', text: string | undefined): Date | null {
  if (text === undefined) return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw bad(field, 'must be an ISO 8601 date or date-time');
  // `to=2025-03-31` means "up to the end of that day".
  return new Date(field === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(text) ? ms + DAY_MS : ms);
}

/** The study export's filter from its query: `from` inclusive, `to` exclusive. */
export function studyExportFilter(q: StudyExportQueryDto): StudyExportFilter {
  const from = instant('from', q.from);
  const to = instant('to', q.to);
  if (from && to && to.getTime() <= from.getTime()) throw bad('to', 'must be after from');
  return { from, to, includePractice: q.includePractice !== 'false' };
}
