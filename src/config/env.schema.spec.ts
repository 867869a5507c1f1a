import { describe, expect, it } from 'vitest';
import { loadConfig } from './app-config.js';
import { EnvValidationError, validateEnv } from './env.schema.js';

describe('validateEnv', () => {
  it('applies the embedded defaults', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      EMBEDDED_REDIS: true,
      S3_FORCE_PATH_STYLE: false,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reads the idle-finalize delay of recordings (0 turns it off)', () => {
    expect(
      loadConfig({ DATA_DIR: '/tmp/ozlab-x', JWT_SECRET: 'x'.repeat(32) }, {}).recordings,
    ).toEqual({
      idleFinalizeS: 1800,
    });
    expect(validateEnv({ RECORDING_IDLE_FINALIZE_S: '0' }).RECORDING_IDLE_FINALIZE_S).toBe(0);
    expect(() => validateEnv({ RECORDING_IDLE_FINALIZE_S: '-5' })).toThrow(
      /RECORDING_IDLE_FINALIZE_S="-5": RECORDING_IDLE_FINALIZE_S must not be less than 0/,
    );
  });

  it('reads the render settings', () => {
    const base = { DATA_DIR: '/tmp/ozlab-x', JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(base, {}).render).toEqual({
      inApi: true,
      niceness: 10,
      timeoutMs: 7_200_000,
      jobLockMs: 30_000,
    });
    expect(
      loadConfig(
        { ...base, RENDER_IN_API: 'false', RENDER_NICENESS: '0', RENDER_TIMEOUT_S: '60' },
        {},
      ).render,
    ).toMatchObject({ inApi: false, niceness: 0, timeoutMs: 60_000 });
    expect(() => validateEnv({ RENDER_NICENESS: '20', RENDER_JOB_LOCK_MS: '10' })).toThrow(
      /RENDER_NICENESS="20": RENDER_NICENESS must not be greater than 19[\s\S]*RENDER_JOB_LOCK_MS="10"/,
    );
  });

  it('lists every bad variable and why, at once', () => {
    try {
      validateEnv({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'http://x',
        S3_ACCESS_KEY_ID: 'k',
        JWT_SECRET: 'short',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvValidationError);
      const problems = (error as EnvValidationError).problems.join('\n');
      for (const name of [
        'PORT',
        'DATABASE_URL',
        'REDIS_URL',
        'S3_BUCKET',
        'S3_SECRET_ACCESS_KEY',
        'JWT_SECRET',
      ])
        expect(problems).toContain(name);
    }
  });
});

describe('AppConfig', () => {
  it('chooses local storage under DATA_DIR, or S3 when a bucket is set', () => {
    const local = loadConfig({ DATA_DIR: '/tmp/ozlab-x', JWT_SECRET: 'x'.repeat(32) }, {});
    expect(local.storage).toEqual({ kind: 'local', dir: '/tmp/ozlab-x/storage' });
    expect(local.database.embeddedDir).toBe('/tmp/ozlab-x/postgres');
    const s3 = loadConfig(
      {
        S3_BUCKET: 'b',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_FORCE_PATH_STYLE: 'true',
        JWT_SECRET: 'x'.repeat(32),
      },
      {},
    );
    expect(s3.storage).toMatchObject({
      kind: 's3',
      bucket: 'b',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
    });
  });
});
