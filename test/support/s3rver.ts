import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The part of s3rver 3.x that tests use (the package ships no types). */
interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: Array<{ name: string; configs?: string[] }>;
}) => S3rverInstance;

const require = createRequire(import.meta.url);
const S3rver = require('s3rver') as S3rverConstructor;

type CipherFactory = (
  algorithm: string,
  key: Buffer,
  iv: Buffer | null,
  options?: unknown,
) => unknown;
let desShimInstalled = false;

/**
 * s3rver 3.7 encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 only has
 * in its legacy provider, so every truncated V2 listing fails with InternalError. Triple DES with
 * three equal keys *is* single DES, and it is in the default provider: route 'des' there. Only
 * calls naming 'des' are touched, and only in the test process that starts s3rver.
 */
function installDesShim(): void {
  if (desShimInstalled) return;
  desShimInstalled = true;
  const crypto = require('node:crypto') as Record<
    'createCipheriv' | 'createDecipheriv',
    CipherFactory
  >;
  for (const name of ['createCipheriv', 'createDecipheriv'] as const) {
    const original = crypto[name].bind(crypto);
    crypto[name] = (algorithm, key, iv, options) =>
      algorithm === 'des'
        ? original('des-ede3-cbc', Buffer.concat([key, key, key]), iv, options)
        : original(algorithm, key, iv, options);
  }
}

/** s3rver accepts any signature but only its own access key. */
export const S3RVER_ACCESS_KEY = 'S3RVER';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** Env for `loadConfig(...)`: S3_BUCKET, S3_ENDPOINT, S3_FORCE_PATH_STYLE, keys. */
  env(bucket?: string): Record<string, string>;
  close(): Promise<void>;
}

/** Browsers need this to PUT to presigned URLs from another origin. */
export const PERMISSIVE_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
  </CORSRule>
</CORSConfiguration>`;

/** Starts s3rver in-process on a free loopback port with one bucket (and a permissive CORS). */
export async function startS3rver(bucket = 'test-bucket'): Promise<TestS3> {
  installDesShim();
  const directory = await mkdtemp(join(tmpdir(), 'ozlab-s3rver-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [PERMISSIVE_CORS] }],
  });
  const { address, port } = await server.run();
  const endpoint = `http://${address}:${port}`;
  return {
    endpoint,
    bucket,
    env: (name = bucket) => ({
      S3_BUCKET: name,
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3RVER_ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: S3RVER_ACCESS_KEY,
    }),
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
