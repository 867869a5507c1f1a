import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RtcIceServer } from '../games/common/robotaxi-events.js';
import { type EnvSchema, parseIceServers, validateEnv, type VoiceProvider } from './env.schema.js';

export type StorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      accessKeyId?: string;
      secretAccessKey?: string;
    };

/** Twilio Video credentials (an API key of the account) and the lifetime of the tokens issued. */
export interface TwilioConfig {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  tokenTtlS: number;
}

/**
 * Live audio between teacher and wizard. `iceServers` applies to WebRTC; `twilio` is set exactly
 * when the provider is twilio (validateEnv has checked that its three secrets are given).
 */
export interface VoiceConfig {
  provider: VoiceProvider;
  iceServers: RtcIceServer[];
  twilio: TwilioConfig | null;
}

/** Typed configuration, built once from the validated environment and injected everywhere. */
export class AppConfig {
  readonly nodeEnv: EnvSchema['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly database: { url?: string; embeddedPort: number; embeddedDir: string };
  readonly redis: { url?: string; embedded: boolean; embeddedDir: string };
  readonly storage: StorageConfig;
  readonly ffmpeg: { ffmpegPath?: string; ffprobePath?: string };
  readonly auth: {
    secret: string;
    researcherTtlS: number;
    participantTtlS: number;
    loginLimit: number;
    loginWindowMs: number;
  };
  readonly admin: { email?: string; password?: string };
  readonly corsOrigins: string[];
  /** idleFinalizeS: finalize tracks idle this long (0: never). */
  readonly recordings: { idleFinalizeS: number };
  /** inApi: this API process renders too (the worker always does). */
  readonly render: { inApi: boolean; niceness: number; timeoutMs: number; jobLockMs: number };
  readonly logFormat: 'text' | 'json';
  readonly voice: VoiceConfig;

  constructor(env: EnvSchema) {
    this.nodeEnv = env.NODE_ENV;
    this.port = env.PORT;
    this.host = env.HOST;
    this.publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
    this.dataDir = resolve(env.DATA_DIR);
    this.database = {
      url: env.DATABASE_URL,
      embeddedPort: env.EMBEDDED_POSTGRES_PORT,
      embeddedDir: join(this.dataDir, 'postgres'),
    };
    this.redis = {
      url: env.REDIS_URL,
      embedded: env.EMBEDDED_REDIS,
      embeddedDir: join(this.dataDir, 'redis'),
    };
    this.storage = env.S3_BUCKET
      ? {
          kind: 's3',
          bucket: env.S3_BUCKET,
          region: env.S3_REGION,
          endpoint: env.S3_ENDPOINT,
          forcePathStyle: env.S3_FORCE_PATH_STYLE,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        }
      : { kind: 'local', dir: join(this.dataDir, 'storage') };
    this.ffmpeg = { ffmpegPath: env.FFMPEG_PATH, ffprobePath: env.FFPROBE_PATH };
    this.auth = {
      secret: env.JWT_SECRET ?? persistentSecret(this.dataDir),
      researcherTtlS: env.RESEARCHER_TOKEN_TTL_S,
      participantTtlS: env.PARTICIPANT_TOKEN_TTL_S,
      loginLimit: env.LOGIN_RATE_LIMIT,
      loginWindowMs: env.LOGIN_RATE_WINDOW_MS,
    };
    this.admin = { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD };
    this.corsOrigins = (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    this.recordings = { idleFinalizeS: env.RECORDING_IDLE_FINALIZE_S };
    this.render = {
      inApi: env.RENDER_IN_API,
      niceness: env.RENDER_NICENESS,
      timeoutMs: env.RENDER_TIMEOUT_S * 1000,
      jobLockMs: env.RENDER_JOB_LOCK_MS,
    };
    this.logFormat = env.LOG_FORMAT;
    this.voice = voiceConfig(env);
  }
}

function voiceConfig(env: EnvSchema): VoiceConfig {
  const twilio =
    env.VOICE_PROVIDER === 'twilio' &&
    env.TWILIO_ACCOUNT_SID &&
    env.TWILIO_API_KEY_SID &&
    env.TWILIO_API_KEY_SECRET
      ? {
          accountSid: env.TWILIO_ACCOUNT_SID,
          apiKeySid: env.TWILIO_API_KEY_SID,
          apiKeySecret: env.TWILIO_API_KEY_SECRET,
          tokenTtlS: env.TWILIO_TOKEN_TTL_S,
        }
      : null;
  return {
    provider: env.VOICE_PROVIDER,
    iceServers: parseIceServers(env.ICE_SERVERS).servers,
    twilio,
  };
}

/** A signing secret kept under DATA_DIR so that tokens survive restarts without any setup. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** The only reader of process.env in the codebase. */
export function loadConfig(
  overrides: Record<string, string | undefined> = {},
  source: Record<string, string | undefined> = process.env,
): AppConfig {
  return new AppConfig(validateEnv({ ...source, ...overrides }));
}
