import { BadRequestException } from '@nestjs/common';

/** A parsed ra-data-simple-rest list request: `?sort=["f","ASC"]&range=[0,24]&filter={...}`. */
export interface ListQuery<F extends string = string, S extends string = string> {
  sort: { field: S; order: 'ASC' | 'DESC' };
  skip: number;
  take: number;
  filter: Partial<Record<F, FilterValue>>;
}

export type FilterScalar = string | number | boolean;
export type FilterValue = FilterScalar | FilterScalar[];

/** One filter value as a string; a list is a 400 (this filter takes one value). */
export function one(value: FilterValue | undefined, name = 'filter'): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new BadRequestException(`${name}: takes a single value`);
  return String(value);
}

/** `%text%` for ILIKE, with LIKE's wildcards in the text escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}

/** A filter value as a list of strings (ra's getMany sends `{"id": [...]}`). */
export function many(value: FilterValue): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

export interface ListQuerySpec<F extends string, S extends string> {
  sortable: readonly S[];
  filterable: readonly F[];
  defaultSort: { field: S; order: 'ASC' | 'DESC' };
  maxPageSize?: number;
}

export interface RawListQuery {
  sort?: unknown;
  range?: unknown;
  filter?: unknown;
}

function parseJson(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new BadRequestException(`${name}: must be a JSON string`);
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequestException(`${name}: is not valid JSON`);
  }
}

/** Parses and validates a list query; unknown sort or filter fields are a 400 naming them. */
export function parseListQuery<F extends string, S extends string>(
  raw: RawListQuery,
  spec: ListQuerySpec<F, S>,
): ListQuery<F, S> {
  const maxPageSize = spec.maxPageSize ?? 1000;
  const sortRaw = parseJson('sort', raw.sort);
  let sort = spec.defaultSort;
  if (sortRaw !== undefined) {
    if (!Array.isArray(sortRaw) || sortRaw.length !== 2 || typeof sortRaw[0] !== 'string')
      throw new BadRequestException('sort: must be ["field","ASC"|"DESC"]');
    const [field, order] = sortRaw as [string, unknown];
    if (!spec.sortable.includes(field as S))
      throw new BadRequestException(
        `sort: cannot sort by "${field}" (allowed: ${spec.sortable.join(', ')})`,
      );
    const upper = String(order).toUpperCase();
    if (upper !== 'ASC' && upper !== 'DESC')
      throw new BadRequestException('sort: order must be ASC or DESC');
    sort = { field: field as S, order: upper };
  }
  const rangeRaw = parseJson('range', raw.range);
  let skip = 0;
  let take = 25;
  if (rangeRaw !== undefined) {
    if (
      !Array.isArray(rangeRaw) ||
      rangeRaw.length !== 2 ||
      !rangeRaw.every((n) => Number.isInteger(n) && (n as number) >= 0) ||
      (rangeRaw[1] as number) < (rangeRaw[0] as number)
    )
      throw new BadRequestException('range: must be [start, end] with 0 <= start <= end');
    skip = rangeRaw[0] as number;
    take = (rangeRaw[1] as number) - skip + 1;
    if (take > maxPageSize)
      throw new BadRequestException(`range: at most ${maxPageSize} rows per page`);
  }
  const filterRaw = parseJson('filter', raw.filter) ?? {};
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw))
    throw new BadRequestException('filter: must be a JSON object');
  const filter: Partial<Record<F, FilterValue>> = {};
  for (const [key, value] of Object.entries(filterRaw)) {
    if (!spec.filterable.includes(key as F))
      throw new BadRequestException(
        `filter: cannot filter by "${key}" (allowed: ${spec.filterable.join(', ')})`,
      );
    if (value === undefined || value === null || value === '') continue;
    const scalarOk = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
    if (!scalarOk(value) && !(Array.isArray(value) && value.every(scalarOk)))
      throw new BadRequestException(
        `filter: "${key}" must be a string, number, boolean or a list of them`,
      );
    filter[key as F] = value as FilterValue;
  }
  return { sort, skip, take, filter };
}

/** The `Content-Range` header value for a page of a resource. */
export function contentRange(resource: string, skip: number, count: number, total: number): string {
  const end = count === 0 ? skip : skip + count - 1;
  return `${resource} ${skip}-${end}/${total}`;
}

/** A 400 naming the filter, in the `{message, errors: [{field, reason}]}` shape forms read. */
export function badFilter(field: string, reason: string): BadRequestException {
  return new BadRequestException({ message: `${field}: ${reason}`, errors: [{ field, reason }] });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A row id filter: one UUID (a list is a 400, as is anything that is not a UUID). */
export function uuidFilter(value: FilterValue | undefined, field: string): string | undefined {
  const text = one(value, field);
  if (text !== undefined && !UUID.test(text)) throw badFilter(field, 'must be a UUID');
  return text;
}

/** A filter of one or more row ids (ra's getMany sends `{"id": [...]}`). */
export function uuidsFilter(value: FilterValue, field: string): string[] {
  const ids = many(value);
  if (!ids.every((id) => UUID.test(id)))
    throw badFilter(field, 'must be a UUID or a list of UUIDs');
  return ids;
}

/** `true`/`false`, as JSON booleans or strings. */
export function booleanFilter(value: FilterValue | undefined, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw badFilter(field, 'must be true or false');
}

/** One of a fixed set of values. */
export function enumFilter<T extends string>(
  value: FilterValue | undefined,
  field: string,
  allowed: readonly T[],
): T | undefined {
  const text = one(value, field);
  if (text !== undefined && !allowed.includes(text as T))
    throw badFilter(field, `must be one of ${allowed.join(', ')}`);
  return text as T | undefined;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * An instant for a date-range filter: an ISO 8601 date (`2026-11-22`, that day's 00:00 UTC) or a
 * date-time with its zone (`2026-11-22T09:30:00.000Z`, `...+01:00`). A date-time without a zone
 * would depend on the server's time zone, so it is refused.
 */
export function dateFilter(value: FilterValue | undefined, field: string): Date | undefined {
  const text = one(value, field);
  if (text === undefined) return undefined;
  const reason =
    'must be an ISO 8601 date (2026-11-22) or date-time with a zone (2026-11-22T09:30:00Z)';
  const m = ISO_DATE.exec(text);
  if (!m) throw badFilter(field, reason);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const ms = Date.parse(text);
  if (
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day ||
    Number.isNaN(ms)
  )
    throw badFilter(field, reason);
  return new Date(ms);
}

/**
 * Where to read a page of `take` rows from `skip` out of `total`: as asked, or, for a page in the
 * far half, from the other end of the order (`reverse`: read `take` rows from `skip` in the
 * opposite order, then reverse them), so that no page skips more than half the rows. Null when
 * the page is past the end.
 */
export function pageWindow(
  total: number,
  skip: number,
  take: number,
): { skip: number; take: number; reverse: boolean } | null {
  if (skip >= total || take <= 0) return null;
  const rows = Math.min(take, total - skip);
  const fromEnd = total - skip - rows;
  return fromEnd < skip
    ? { skip: fromEnd, take: rows, reverse: true }
    : { skip, take: rows, reverse: false };
}
