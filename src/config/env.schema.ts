import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

// Environment values arrive as strings (or as typed values from tests' overrides).
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return value;
};

const toInt = ({ value }: { value: unknown }): unknown => {
  if (value === '') return undefined;
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
};

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;

/**
 * Every environment variable OzLab reads, validated once at boot.
 * `.env.example` documents each one; keep the two in step.
 */
export class EnvSchema {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  /** Public base URL used in invite links and printed at start; defaults to http://localhost:PORT. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT = 54329;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Set to false to never start an embedded redis-server (rendering is then off without REDIS_URL). */
  @Transform(toBool)
  @IsBoolean()
  EMBEDDED_REDIS = true;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_BUCKET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  S3_ENDPOINT?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  FFMPEG_PATH?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  FFPROBE_PATH?: string;

  /** Secret for signing tokens and local download URLs; generated under DATA_DIR when unset. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  RESEARCHER_TOKEN_TTL_S = 12 * 3600;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  PARTICIPANT_TOKEN_TTL_S = 4 * 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  LOGIN_RATE_WINDOW_MS = 60_000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD?: string;

  /** Comma-separated origins allowed by CORS (for an admin served from elsewhere). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /**
   * A track still recording whose last chunk (or creation) is older than this many seconds is
   * finalized by the idle sweep, so a participant who vanished still leaves a WAV. 0 turns it off.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RECORDING_IDLE_FINALIZE_S = 1800;

  @IsIn(['text', 'json'])
  LOG_FORMAT: 'text' | 'json' = 'text';
}

export class EnvValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvValidationError';
  }
}

/** Validates raw variables; throws one error that lists every bad variable and why. */
export function validateEnv(raw: Record<string, string | undefined>): EnvSchema {
  const env = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map(
      (msg) => `${e.property}=${JSON.stringify(raw[e.property] ?? null)}: ${msg}`,
    ),
  );
  const s3Set = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((k) => raw[k]);
  if (s3Set.length > 0 && !raw.S3_BUCKET)
    problems.push('S3_BUCKET: required when any S3_* setting is given');
  if (
    (raw.S3_ACCESS_KEY_ID && !raw.S3_SECRET_ACCESS_KEY) ||
    (!raw.S3_ACCESS_KEY_ID && raw.S3_SECRET_ACCESS_KEY)
  )
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be given together');
  if (raw.ADMIN_PASSWORD && !raw.ADMIN_EMAIL)
    problems.push('ADMIN_EMAIL: required when ADMIN_PASSWORD is given');
  if (problems.length > 0) throw new EnvValidationError(problems);
  return env;
}
