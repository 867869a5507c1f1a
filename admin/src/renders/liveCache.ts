/**
 * Applies a pushed `render:update` to whatever react-admin's query cache holds for the `renders`
 * resource: getOne (a record), getMany (an array), getList / getManyReference (`{ data }`) and
 * getInfiniteList (`{ pages: [{ data }] }`). Pure; unchanged data is returned as the same object,
 * so that nothing re-renders for an event about a render that is not shown.
 */
import type { RenderUpdate } from './types';

type RenderLike = { id: unknown } & Partial<
  Pick<RenderUpdate, 'status' | 'framesWritten' | 'framesTotal' | 'error'>
>;

export interface CachePatch {
  data: unknown;
  /** The render is in this cache entry. */
  found: boolean;
  /** ...and its status changed: other fields (file, size, times) changed too, refetch. */
  statusChanged: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isRender = (value: unknown): value is RenderLike => isRecord(value) && 'id' in value;

/** The record with the update's fields, or the same record when it is another render or equal. */
export function patchRender<T extends RenderLike>(record: T, update: RenderUpdate): T {
  if (String(record.id) !== update.renderId) return record;
  if (
    record.status === update.status &&
    record.framesWritten === update.framesWritten &&
    record.framesTotal === update.framesTotal &&
    record.error === update.error
  )
    return record;
  return {
    ...record,
    status: update.status,
    framesWritten: update.framesWritten,
    framesTotal: update.framesTotal,
    error: update.error,
  };
}

export function patchRenderCache(cached: unknown, update: RenderUpdate): CachePatch {
  let found = false;
  let statusChanged = false;
  const one = (record: unknown): unknown => {
    if (!isRender(record) || String(record.id) !== update.renderId) return record;
    found = true;
    if (record.status !== update.status) statusChanged = true;
    return patchRender(record, update);
  };
  const many = (records: unknown[]): unknown[] => {
    const next = records.map(one);
    return next.some((r, i) => r !== records[i]) ? next : records;
  };
  const withData = (page: unknown): unknown => {
    if (!isRecord(page) || !Array.isArray(page.data)) return page;
    const data = many(page.data);
    return data === page.data ? page : { ...page, data };
  };

  let data: unknown = cached;
  if (Array.isArray(cached)) data = many(cached);
  else if (isRecord(cached) && Array.isArray(cached.pages)) {
    const pages = cached.pages.map(withData);
    if (pages.some((p, i) => p !== (cached.pages as unknown[])[i])) data = { ...cached, pages };
  } else if (isRecord(cached) && Array.isArray(cached.data)) data = withData(cached);
  else data = one(cached);
  return { data, found, statusChanged };
}
