import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * Query of a signed download URL (`url-signer.ts`). The shape is checked here when a global
 * ValidationPipe runs; the signature check in the controller is what grants access.
 */
export class SignedFileQueryDto {
  @IsString()
  @MaxLength(1024)
  key: string;

  @Matches(/^\d{1,12}$/, { message: 'exp must be a unix time in seconds' })
  exp: string;

  @Matches(/^[0-9a-f]{64}$/, { message: 'sig must be 64 hex characters' })
  sig: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;
}
