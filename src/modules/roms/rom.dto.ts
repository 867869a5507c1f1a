import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** `POST /api/roms?name=...&profileId=...`; the body is the ROM itself. */
export class UploadRomQueryDto {
  @ApiPropertyOptional({
    example: 'Space Invaders (1980)',
    description: "Default: the game profile's name",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    example: 'space-invaders',
    description: 'A game profile id; default: the built-in profile that knows this MD5',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'profileId must not be empty' })
  @MaxLength(64)
  profileId?: string;
}

/** `PATCH /api/roms/:id`: rename, or bind to another game profile. */
export class UpdateRomDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'space-invaders' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'profileId must not be empty' })
  @MaxLength(64)
  profileId?: string;
}
