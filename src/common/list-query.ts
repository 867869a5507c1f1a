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
