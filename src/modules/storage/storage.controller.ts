import {
  Controller,
  ForbiddenException,
  Get,
  Headers,
  Logger,
  NotFoundException,
  Query,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '../../config/app-config.js';
import { Public } from '../participants/auth.decorators.js';
import { contentDisposition, parseRange } from './http-headers.js';
import { SignedFileQueryDto } from './signed-file-query.dto.js';
import {
  InvalidStorageKeyError,
  StorageNotFoundError,
  StorageUnavailableError,
} from './storage.errors.js';
import { StorageService } from './storage.service.js';
import { verifyDownload } from './url-signer.js';

/**
 * Serves the local driver's signed download URLs (`GET /api/storage/files?key&exp&sig[&filename]`),
 * with single byte ranges so that audio players can seek. With S3 the URLs point at S3 itself and
 * this route answers 404.
 */
@ApiTags('storage')
@Controller('storage')
export class StorageController {
  private readonly logger = new Logger(StorageController.name);

  constructor(
    private readonly storage: StorageService,
    private readonly config: AppConfig,
  ) {}

  // The signature is the authorization: a browser <audio> element or a download link sends no token.
  @Public()
  @Get('files')
  @ApiOperation({ summary: 'Download a file through a signed URL (local storage only)' })
  @ApiResponse({ status: 200, description: 'The whole file' })
  @ApiResponse({ status: 206, description: 'The byte range asked for with `Range: bytes=a-b`' })
  @ApiResponse({ status: 403, description: 'Bad, missing or expired signature' })
  @ApiResponse({ status: 404, description: 'No such file, or storage is S3' })
  @ApiResponse({ status: 416, description: 'Range past the end of the file' })
  async download(
    @Query() query: SignedFileQueryDto,
    @Headers('range') rangeHeader: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (this.storage.kind !== 'local') {
      throw new NotFoundException('Files are served by the S3 storage directly');
    }
    const grant = verifyDownload(this.config.auth.secret, { ...query });
    if (!grant.ok) {
      throw new ForbiddenException(
        grant.reason === 'expired'
          ? 'This download link has expired'
          : 'This download link is not valid (bad or missing signature)',
      );
    }
    const { key, filename } = grant;
    const stat = await this.storageCall(() => this.storage.stat(key));
    const range = parseRange(rangeHeader, stat.size);
    const hasBody = req.method !== 'HEAD' && range.kind !== 'unsatisfiable' && stat.size > 0;
    // Open the file before any header is set, so that a failure here is still a clean JSON error.
    const body = hasBody
      ? await this.storageCall(() =>
          this.storage.stream(
            key,
            range.kind === 'range' ? { start: range.start, end: range.end } : undefined,
          ),
        )
      : undefined;

    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', stat.contentType ?? 'application/octet-stream');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Last-Modified', stat.lastModified.toUTCString());
    if (filename) res.setHeader('Content-Disposition', contentDisposition(filename));
    if (range.kind === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${stat.size}`);
    } else if (range.kind === 'range') {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200);
      res.setHeader('Content-Length', String(stat.size));
    }
    if (!body) {
      res.end();
      return;
    }
    try {
      await pipeline(body, res);
    } catch (err) {
      // A client that stops listening (seek, tab closed) is normal; anything else is worth a line.
      if ((err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        this.logger.warn(`Streaming ${key} failed: ${String(err)}`);
      }
    }
  }

  private async storageCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof StorageNotFoundError || err instanceof InvalidStorageKeyError) {
        throw new NotFoundException('File not found');
      }
      if (err instanceof StorageUnavailableError)
        throw new ServiceUnavailableException('Storage is unavailable');
      throw err;
    }
  }
}
