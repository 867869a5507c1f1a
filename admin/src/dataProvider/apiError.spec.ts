import { describe, expect, it } from 'vitest';

import { getApiErrorBody, toApiErrorBody, toFieldErrors, toHttpError } from './apiError';

describe('toApiErrorBody', () => {
  it('maps field errors to react-admin validation errors with the message as root error', () => {
    const body = toApiErrorBody(400, 'Bad Request', {
      statusCode: 400,
      message: 'Invalid study',
      errors: [
        { field: 'slug', reason: 'already taken' },
        { field: 'config.stepMs', reason: 'must be at least 250' },
        { field: 'config.stepMs', reason: 'must be an integer' },
      ],
    });
    expect(body).toEqual({
      statusCode: 400,
      message: 'Invalid study',
      issues: [
        { field: 'slug', line: undefined, reason: 'already taken' },
        { field: 'config.stepMs', line: undefined, reason: 'must be at least 250' },
        { field: 'config.stepMs', line: undefined, reason: 'must be an integer' },
      ],
      errors: {
        slug: 'already taken',
        'config.stepMs': 'must be at least 250; must be an integer',
        root: { serverError: 'Invalid study' },
      },
    });
  });

  it('keeps CSV line errors as issues without form errors', () => {
    const body = toApiErrorBody(400, 'Bad Request', {
      statusCode: 400,
      message: '2 bad lines',
      errors: [
        { line: 3, reason: 'bad ID' },
        { line: 7, reason: 'duplicate ID' },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.issues).toEqual([
      { field: undefined, line: 3, reason: 'bad ID' },
      { field: undefined, line: 7, reason: 'duplicate ID' },
    ]);
  });

  it('joins the message array of a stock Nest ValidationPipe', () => {
    expect(toApiErrorBody(400, 'Bad Request', { message: ['a is bad', 'b is bad'] }).message).toBe(
      'a is bad; b is bad',
    );
  });

  it('falls back to the status text, then to the status', () => {
    expect(toApiErrorBody(502, 'Bad Gateway', undefined).message).toBe('Bad Gateway');
    expect(toApiErrorBody(502, '', 'not json').message).toBe('Request failed (HTTP 502)');
  });
});

describe('toHttpError / getApiErrorBody', () => {
  it('round-trips the body through the HttpError', () => {
    const error = toHttpError(409, 'Conflict', { message: 'T0003 already exists' });
    expect(error.status).toBe(409);
    expect(error.message).toBe('T0003 already exists');
    expect(getApiErrorBody(error)).toMatchObject({ statusCode: 409, issues: [] });
  });

  it('ignores errors that did not come from the API', () => {
    expect(getApiErrorBody(new TypeError('Failed to fetch'))).toBeUndefined();
    expect(getApiErrorBody('nope')).toBeUndefined();
  });
});

describe('toFieldErrors', () => {
  it('skips issues without a field', () => {
    expect(
      toFieldErrors([
        { line: 1, reason: 'x' },
        { field: 'name', reason: 'required' },
      ]),
    ).toEqual({ name: 'required' });
  });
});
