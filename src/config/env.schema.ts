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
import type { RtcIceServer } from '../games/common/robotaxi-events.js';

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

/** An empty value means the default (a Transform returning undefined would erase the default). */
const emptyTo =
  (fallback: unknown) =>
  ({ value }: { value: unknown }): unknown =>
    value === '' || value === undefined ? fallback : value;

export const VOICE_PROVIDERS = ['webrtc', 'twilio'] as const;
export type VoiceProvider = (typeof VOICE_PROVIDERS)[number];
const TWILIO_SECRETS = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_API_KEY_SID',
  'TWILIO_API_KEY_SECRET',
] as const;

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

  /**
   * Whether the API process also renders videos. Set false when `npm run worker` processes run
   * elsewhere: the API then only queues renders. (Without Redis nothing renders either way.)
   */
  @Transform(toBool)
  @IsBoolean()
  RENDER_IN_API = true;

  /** Niceness added to each ffmpeg a render runs (`nice -n`), 0..19: renders yield to the API. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(19)
  RENDER_NICENESS = 10;

  /** A render whose ffmpeg has not finished after this many seconds is killed (and retried). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  RENDER_TIMEOUT_S = 7200;

  /**
   * How long a worker's hold on a render job lasts without renewal (it renews it every half of
   * this while alive): a worker that died mid-render has its job taken up by another worker
   * about this long afterwards.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  RENDER_JOB_LOCK_MS = 30_000;

  @IsIn(['text', 'json'])
  LOG_FORMAT: 'text' | 'json' = 'text';

  /** Live audio between teacher and wizard: WebRTC peer-to-peer (signaling over the gateway), or Twilio Video. */
  @Transform(emptyTo('webrtc'))
  @IsIn(VOICE_PROVIDERS, { message: 'VOICE_PROVIDER must be webrtc or twilio' })
  VOICE_PROVIDER: VoiceProvider = 'webrtc';

  /**
   * WebRTC only: a JSON array of RTCIceServer objects (`{urls, username?, credential?}`), e.g.
   * STUN/TURN servers for participants behind NAT. Checked by `parseIceServers` in `validateEnv`
   * (whose messages do not echo the value: it may hold TURN credentials).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ICE_SERVERS?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^AC[0-9a-fA-F]{32}$/, {
    message: 'TWILIO_ACCOUNT_SID must be "AC" followed by 32 hex digits',
  })
  TWILIO_ACCOUNT_SID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^SK[0-9a-fA-F]{32}$/, {
    message: 'TWILIO_API_KEY_SID must be "SK" followed by 32 hex digits',
  })
  TWILIO_API_KEY_SID?: string;

  /** Never echoed in boot errors: only its presence is checked. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TWILIO_API_KEY_SECRET?: string;

  /** Lifetime of a Twilio Video access token; the client fetches a new one to reconnect. */
  @Transform((arg) => toInt({ value: emptyTo(600)(arg) }))
  @IsInt()
  @Min(60)
  @Max(14400)
  TWILIO_TOKEN_TTL_S = 600;
}

const ICE_URL = /^(stun|stuns|turn|turns):\S+$/;
const ICE_KEYS = new Set(['urls', 'username', 'credential']);

/**
 * Parses `ICE_SERVERS` (a JSON array of `{urls, username?, credential?}`). Each problem names the
 * entry and the field; none echoes a value. TURN URLs need a username and a credential (browsers
 * refuse them otherwise, and only when the call starts).
 */
export function parseIceServers(text: string | undefined): {
  servers: RtcIceServer[];
  problems: string[];
} {
  if (text === undefined || text.trim() === '') return { servers: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // Only the position: V8's message quotes the text, which may hold TURN credentials.
    const position = /at position \d+/.exec(error instanceof Error ? error.message : '');
    return {
      servers: [],
      problems: [`ICE_SERVERS: not valid JSON${position ? ` (${position[0]})` : ''}`],
    };
  }
  if (!Array.isArray(parsed))
    return {
      servers: [],
      problems: ['ICE_SERVERS: must be a JSON array of {urls, username?, credential?} objects'],
    };
  const problems: string[] = [];
  const servers: RtcIceServer[] = [];
  parsed.forEach((entry: unknown, i) => {
    const at = `ICE_SERVERS[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at}: must be an object {urls, username?, credential?}`);
      return;
    }
    const record = entry as Record<string, unknown>;
    const unknownKeys = Object.keys(record).filter((k) => !ICE_KEYS.has(k));
    for (const key of unknownKeys)
      problems.push(
        `${at}.${key}: unknown field (allowed: urls, username, credential)` +
          (key === 'url' ? '; "url" is the old name of "urls"' : ''),
      );
    const urls = typeof record.urls === 'string' ? [record.urls] : record.urls;
    if (
      !Array.isArray(urls) ||
      urls.length === 0 ||
      !urls.every((u): u is string => typeof u === 'string' && ICE_URL.test(u))
    )
      problems.push(
        `${at}.urls: must be a stun:, stuns:, turn: or turns: URL, or a non-empty list of them`,
      );
    for (const key of ['username', 'credential'] as const)
      if (record[key] !== undefined && typeof record[key] !== 'string')
        problems.push(`${at}.${key}: must be a string`);
    const needsCredentials =
      Array.isArray(urls) && urls.some((u) => typeof u === 'string' && /^turns?:/.test(u));
    if (
      needsCredentials &&
      (typeof record.username !== 'string' || typeof record.credential !== 'string')
    )
      problems.push(`${at}: a TURN server needs a username and a credential`);
    servers.push({
      urls: record.urls as string | string[],
      ...(typeof record.username === 'string' ? { username: record.username } : {}),
      ...(typeof record.credential === 'string' ? { credential: record.credential } : {}),
    });
  });
  return { servers: problems.length ? [] : servers, problems };
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
  problems.push(...parseIceServers(env.ICE_SERVERS).problems);
  if (env.VOICE_PROVIDER === 'twilio')
    for (const name of TWILIO_SECRETS)
      if (!raw[name]) problems.push(`${name}: required when VOICE_PROVIDER=twilio`);
  if (problems.length > 0) throw new EnvValidationError(problems);
  return env;
}
