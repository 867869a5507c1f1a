import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { StorageConfig } from '../../config/app-config.js';
import { contentDisposition, contentTypeForKey } from './http-headers.js';
import { assertValidKey, folderPrefix } from './storage-keys.js';
import type {
  ByteRangeRequest,
  PutOptions,
  SignedDownloadOptions,
  SignedUploadOptions,
  StorageBody,
  StorageDriver,
  StoredObject,
  StoredObjectStat,
} from './storage.driver.js';
import { StorageNotFoundError, StorageUnavailableError } from './storage.errors.js';
import { readParts } from './stream-parts.js';

export type S3StorageConfig = Extract<StorageConfig, { kind: 's3' }>;

export interface S3DriverOptions {
  /** Size of a multipart part; S3 needs ≥ 5 MiB for every part but the last. Default 8 MiB. */
  partSizeBytes?: number;
  /** `MaxKeys` per ListObjectsV2 page (1..1000); small values only make sense in tests. */
  listPageSize?: number;
}

export const MIN_PART_SIZE = 5 * 1024 * 1024;
const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Any S3-compatible store (AWS, MinIO, R2, s3rver). The only importer of `@aws-sdk/*`. */
export class S3Driver implements StorageDriver, OnModuleDestroy {
  readonly kind = 's3' as const;
  private readonly logger = new Logger(S3Driver.name);
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;
  private readonly listPageSize: number;

  constructor(
    private readonly config: S3StorageConfig,
    options: S3DriverOptions = {},
  ) {
    this.bucket = config.bucket;
    this.partSize = Math.max(MIN_PART_SIZE, options.partSizeBytes ?? DEFAULT_PART_SIZE);
    this.listPageSize = Math.min(1000, Math.max(1, options.listPageSize ?? 1000));
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      // Without explicit keys the SDK's default chain applies (env, profile, instance role).
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
      // Checksums only where S3 requires them: S3-compatible servers (MinIO, R2, s3rver) do not all
      // understand the newer default trailing checksums, and presigned PUTs must not carry them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Builds the driver and checks the bucket, so that a wrong setting stops the boot. */
  static async connect(config: S3StorageConfig, options?: S3DriverOptions): Promise<S3Driver> {
    const driver = new S3Driver(config, options);
    try {
      await driver.check();
    } catch (err) {
      driver.client.destroy();
      throw err;
    }
    driver.logger.log(`Storing files in S3 bucket "${config.bucket}" at ${driver.where()}`);
    return driver;
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }

  async put(key: string, body: StorageBody, opts: PutOptions = {}): Promise<{ size: number }> {
    assertValidKey(key);
    const contentType = opts.contentType ?? contentTypeForKey(key);
    if (!(body instanceof Readable)) {
      await this.client
        .send(new PutObjectCommand(this.putInput(key, body, contentType)))
        .catch(this.fail(key));
      return { size: body.byteLength };
    }
    // Streams: read one part ahead. A stream that fits in one part is a plain PutObject with a
    // known length; a longer one becomes a multipart upload, so memory stays at ~2 parts.
    const parts = readParts(body, this.partSize);
    try {
      const first = await parts.next();
      const firstPart = first.done ? Buffer.alloc(0) : first.value;
      const second = first.done ? first : await parts.next();
      if (second.done) {
        await this.client
          .send(new PutObjectCommand(this.putInput(key, firstPart, contentType)))
          .catch(this.fail(key));
        return { size: firstPart.length };
      }
      return await this.putMultipart(key, contentType, [firstPart, second.value], parts);
    } catch (err) {
      body.destroy();
      throw err;
    }
  }

  async get(key: string): Promise<Buffer> {
    assertValidKey(key);
    const out = await this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))
      .catch(this.fail(key));
    if (!out.Body) throw new StorageNotFoundError(key);
    const bytes = await out.Body.transformToByteArray();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async stream(key: string, range?: ByteRangeRequest): Promise<Readable> {
    assertValidKey(key);
    const out = await this.client
      .send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
        }),
      )
      .catch(this.fail(key));
    if (!(out.Body instanceof Readable)) {
      throw new StorageUnavailableError(`S3 returned no readable body for ${key}`);
    }
    return out.Body;
  }

  async stat(key: string): Promise<StoredObjectStat> {
    assertValidKey(key);
    const out = await this.client
      .send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))
      .catch(this.fail(key));
    return {
      size: out.ContentLength ?? 0,
      lastModified: out.LastModified ?? new Date(0),
      contentType: out.ContentType,
    };
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.stat(key);
      return true;
    } catch (err) {
      if (err instanceof StorageNotFoundError) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client
      .send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }))
      .catch(this.fail(key));
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = (await this.list(prefix)).map((o) => o.key);
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const out = await this.client
        .send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        )
        .catch(this.fail(undefined));
      if (out.Errors && out.Errors.length > 0) {
        const first = out.Errors[0];
        throw new StorageUnavailableError(
          `S3 could not delete ${out.Errors.length} object(s) under ${prefix}, e.g. ${first.Key}: ${first.Code} ${first.Message}`,
        );
      }
    }
    return keys.length;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const folder = folderPrefix(prefix);
    const out: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.client
        .send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: folder,
            ContinuationToken: token,
            MaxKeys: this.listPageSize,
          }),
        )
        .catch(this.fail(undefined));
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined) continue;
        out.push({ key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async signedDownloadUrl(key: string, opts: SignedDownloadOptions): Promise<string> {
    assertValidKey(key);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: opts.filename ? contentDisposition(opts.filename) : undefined,
    });
    return getSignedUrl(this.client, command, { expiresIn: opts.expiresInS });
  }

  async signedUploadUrl(key: string, opts: SignedUploadOptions): Promise<string> {
    assertValidKey(key);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: opts.contentType,
    });
    return getSignedUrl(this.client, command, { expiresIn: opts.expiresInS });
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const e = err as SdkErrorShape;
      const status = e.$metadata?.httpStatusCode;
      const where = `S3 bucket "${this.bucket}" at ${this.where()}`;
      const message =
        status === 404 || e.name === 'NotFound' || e.name === 'NoSuchBucket'
          ? `${where} does not exist: create it or fix S3_BUCKET / S3_ENDPOINT`
          : status === 403 || status === 401
            ? `${where} refused access (HTTP ${status}): check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY`
            : `${where} is not reachable: ${e.name ?? 'Error'} ${(err as Error).message ?? ''}`.trim();
      throw new StorageUnavailableError(message, { cause: err });
    }
  }

  private where(): string {
    return this.config.endpoint ?? `AWS region ${this.config.region}`;
  }

  private putInput(key: string, body: Buffer | Uint8Array, contentType: string | undefined) {
    return {
      Bucket: this.bucket,
      Key: key,
      Body: body,
      ContentLength: body.byteLength,
      ContentType: contentType,
    };
  }

  private async putMultipart(
    key: string,
    contentType: string | undefined,
    head: Buffer[],
    rest: AsyncGenerator<Buffer>,
  ): Promise<{ size: number }> {
    const created = await this.client
      .send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          ContentType: contentType,
        }),
      )
      .catch(this.fail(key));
    const uploadId = created.UploadId;
    if (!uploadId) throw new StorageUnavailableError(`S3 gave no upload id for ${key}`);
    const completed: CompletedPart[] = [];
    let size = 0;
    const upload = async (part: Buffer): Promise<void> => {
      const PartNumber = completed.length + 1;
      const out = await this.client
        .send(
          new UploadPartCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber,
            Body: part,
            ContentLength: part.length,
          }),
        )
        .catch(this.fail(key));
      completed.push({ PartNumber, ETag: out.ETag });
      size += part.length;
    };
    try {
      for (const part of head) await upload(part);
      for await (const part of rest) await upload(part);
      await this.client
        .send(
          new CompleteMultipartUploadCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: completed },
          }),
        )
        .catch(this.fail(key));
      this.logger.debug(`Uploaded ${key} in ${completed.length} parts (${size} bytes)`);
      return { size };
    } catch (err) {
      await this.client
        .send(
          new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
        )
        .catch((abortErr: unknown) =>
          this.logger.warn(`Could not abort multipart upload of ${key}: ${String(abortErr)}`),
        );
      throw err;
    }
  }

  /** A `.catch` handler that rethrows SDK errors as storage errors. */
  private fail(key: string | undefined): (err: unknown) => never {
    return (err: unknown) => {
      throw this.translate(err, key);
    };
  }

  private translate(err: unknown, key: string | undefined): unknown {
    const e = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorShape;
    const status = e.$metadata?.httpStatusCode;
    if (e.name === 'NoSuchBucket') {
      return new StorageUnavailableError(`S3 bucket "${this.bucket}" does not exist`, {
        cause: err,
      });
    }
    if (e.name === 'NoSuchUpload') return err;
    if (key !== undefined && (e.name === 'NoSuchKey' || e.name === 'NotFound' || status === 404)) {
      return new StorageNotFoundError(key, { cause: err });
    }
    if (status === 401 || status === 403) {
      return new StorageUnavailableError(`S3 refused access (HTTP ${status}): ${e.name}`, {
        cause: err,
      });
    }
    if (
      (status !== undefined && status >= 500) ||
      NETWORK_CODES.has(e.code ?? '') ||
      e.name === 'TimeoutError'
    ) {
      return new StorageUnavailableError(`S3 is unavailable: ${e.name ?? e.code}`, { cause: err });
    }
    return err;
  }
}
