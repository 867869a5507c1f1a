import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import type { ApiError } from '../games/common/api.js';
import {
  StorageNotFoundError,
  StorageUnavailableError,
} from '../modules/storage/storage.errors.js';

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
}

/** body-parser's 413 (mapped to an HttpException by Nest) as a message that names the limit. */
function bodyTooLarge(exception: HttpException): string | undefined {
  const cause = exception.cause as { type?: string; limit?: number; length?: number } | undefined;
  if (exception.getStatus() !== 413 || cause?.type !== 'entity.too.large') return undefined;
  const size = typeof cause.length === 'number' ? ` (${cause.length} bytes)` : '';
  return `Request body too large${size}: the limit is ${cause.limit} bytes`;
}

/** Shapes every error as `ApiError`; maps Postgres constraint violations to 409/400. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiError {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const tooLarge = bodyTooLarge(exception);
      if (tooLarge) return { statusCode: HttpStatus.PAYLOAD_TOO_LARGE, message: tooLarge };
      const response = exception.getResponse();
      if (typeof response === 'string') return { statusCode: status, message: response };
      const r = response as { message?: string | string[]; errors?: ApiError['errors'] };
      const message = Array.isArray(r.message)
        ? r.message.join('; ')
        : (r.message ?? exception.message);
      return { statusCode: status, message, ...(r.errors ? { errors: r.errors } : {}) };
    }
    if (exception instanceof StorageNotFoundError)
      return { statusCode: HttpStatus.NOT_FOUND, message: 'File not found' };
    if (exception instanceof StorageUnavailableError)
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        message: `Storage unavailable: ${exception.message}`,
      };
    if (exception instanceof QueryFailedError) {
      const pgErr = exception.driverError as PgError;
      if (pgErr.code === '23505')
        return {
          statusCode: HttpStatus.CONFLICT,
          message: `Already exists: ${pgErr.detail ?? pgErr.constraint ?? ''}`.trim(),
        };
      if (pgErr.code === '23503')
        return {
          statusCode: HttpStatus.CONFLICT,
          message: `Still referenced or missing reference: ${pgErr.detail ?? ''}`.trim(),
        };
      if (pgErr.code === '22P02')
        return { statusCode: HttpStatus.BAD_REQUEST, message: 'Malformed identifier or value' };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
  }
}
