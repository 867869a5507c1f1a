import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

/** `GET /api/live-sessions` and `GET /api/stats`: one study, or every study the caller may see. */
export class StudyScopeQueryDto {
  @IsOptional()
  @IsUUID()
  studyId?: string;
}

/** Body of `POST /api/sessions/:id/pause`: an optional message shown on the participants' pages. */
export class PauseSessionDto {
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

/** Body of `POST /api/sessions/:id/resume`: nothing (any field is refused). */
export class ResumeSessionDto {}

/** Body of `POST /api/sessions/:id/abort`. */
export class AbortSessionDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}
