import { HttpError } from 'react-admin';

import type { ApiError } from '../../../src/games/common/api';

/** One entry of `ApiError.errors`: a bad field, a bad CSV line, or both. */
export type ApiIssue = NonNullable<ApiError['errors']>[number];

/**
 * The body of every HttpError the data provider throws.
 * `errors` is react-admin's server-side validation shape (`{ 'config.stepMs': 'too small',
 * root: { serverError: message } }`), present only when the server named at least one field;
 * `issues` keeps the server's own list (CSV imports report `line`s there).
 */
export interface ApiErrorBody {
  statusCode: number;
  message: string;
  errors?: Record<string, unknown>;
  issues: ApiIssue[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const toMessage = (value: unknown): string | undefined => {
  if (typeof value === 'string' && value.trim() !== '') return value;
  // Nest's stock ValidationPipe answers with an array of messages.
  if (Array.isArray(value)) {
    const parts = value.filter((part): part is string => typeof part === 'string');
    if (parts.length > 0) return parts.join('; ');
  }
  return undefined;
};

const toIssues = (value: unknown): ApiIssue[] => {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((raw) => ({
    field: typeof raw.field === 'string' ? raw.field : undefined,
    line: typeof raw.line === 'number' ? raw.line : undefined,
    reason: toMessage(raw.reason) ?? 'invalid',
  }));
};

/** `[{ field: 'slug', reason: 'taken' }]` -> `{ slug: 'taken' }`; reasons for one field are joined. */
export const toFieldErrors = (issues: readonly ApiIssue[]): Record<string, string> => {
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    if (!issue.field) continue;
    byField[issue.field] = byField[issue.field]
      ? `${byField[issue.field]}; ${issue.reason}`
      : issue.reason;
  }
  return byField;
};

/** Turns whatever the server answered (our ApiError, or anything else) into an ApiErrorBody. */
export const toApiErrorBody = (
  status: number,
  fallbackMessage: string,
  json: unknown,
): ApiErrorBody => {
  const raw = isRecord(json) ? json : {};
  const message = toMessage(raw.message) ?? (fallbackMessage || `Request failed (HTTP ${status})`);
  const issues = toIssues(raw.errors);
  const fieldErrors = toFieldErrors(issues);
  const body: ApiErrorBody = { statusCode: status, message, issues };
  if (Object.keys(fieldErrors).length > 0) {
    body.errors = { ...fieldErrors, root: { serverError: message } };
  }
  return body;
};

export const toHttpError = (status: number, fallbackMessage: string, json: unknown): HttpError => {
  const body = toApiErrorBody(status, fallbackMessage, json);
  return new HttpError(body.message, status, body);
};

/** Reads an ApiErrorBody back from anything a data provider call rejected with. */
export const getApiErrorBody = (error: unknown): ApiErrorBody | undefined => {
  if (!isRecord(error) && !(error instanceof Error)) return undefined;
  const body = (error as { body?: unknown }).body;
  if (!isRecord(body) || !Array.isArray(body.issues)) return undefined;
  return body as unknown as ApiErrorBody;
};

export const getErrorStatus = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
};

export const getErrorMessage = (error: unknown, fallback = 'Something went wrong'): string => {
  if (typeof error === 'string') return error;
  if (error instanceof Error && error.message) return error.message;
  return toMessage((error as { message?: unknown } | null)?.message) ?? fallback;
};
