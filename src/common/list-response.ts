import type { Response } from 'express';
import { contentRange } from './list-query.js';

/** Sets `Content-Range` for a ra-data-simple-rest list answer and returns the rows. */
export function listResponse<T>(
  res: Response,
  resource: string,
  skip: number,
  page: { rows: T[]; total: number },
): T[] {
  res.setHeader('Content-Range', contentRange(resource, skip, page.rows.length, page.total));
  return page.rows;
}
