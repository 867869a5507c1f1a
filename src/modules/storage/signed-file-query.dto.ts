import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Query of a signed download URL (`url-signer.ts`). The global ValidationPipe only checks the
 * shape here (strings, no unknown parameters); whether the URL grants access (signature, expiry)
 * is decided by `verifyDownload`, so that every bad or missing signature is a 403, not a 400.
 */
export class SignedFileQueryDto {
  @ApiPropertyOptional({ description: 'Storage key' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  key?: string;

  @ApiPropertyOptional({ description: 'Expiry, unix seconds' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  exp?: string;

  @ApiPropertyOptional({ description: 'Hex HMAC-SHA256 of key, exp and filename' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  sig?: string;

  @ApiPropertyOptional({ description: 'Name offered in Content-Disposition' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;
}
