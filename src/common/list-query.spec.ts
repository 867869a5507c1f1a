import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import {
  booleanFilter,
  contentRange,
  dateFilter,
  enumFilter,
  pageWindow,
  parseListQuery,
  uuidFilter,
  uuidsFilter,
} from './list-query.js';

const spec = {
  sortable: ['name', 'createdAt'] as const,
  filterable: ['q', 'kind'] as const,
  defaultSort: { field: 'createdAt' as const, order: 'DESC' as const },
  maxPageSize: 100,
};

describe('parseListQuery', () => {
  it('parses the ra-data-simple-rest parameters', () => {
    const q = parseListQuery(
      { sort: '["name","asc"]', range: '[10,19]', filter: '{"kind":"atari-demo","q":""}' },
      spec,
    );
    expect(q).toEqual({
      sort: { field: 'name', order: 'ASC' },
      skip: 10,
      take: 10,
      filter: { kind: 'atari-demo' },
    });
  });

  it('applies defaults when parameters are absent', () => {
    expect(parseListQuery({}, spec)).toEqual({
      sort: spec.defaultSort,
      skip: 0,
      take: 25,
      filter: {},
    });
  });

  it.each([
    [{ sort: '["password","ASC"]' }, /cannot sort by "password"/],
    [{ sort: '["name","UP"]' }, /ASC or DESC/],
    [{ sort: 'nope' }, /sort: is not valid JSON/],
    [{ range: '[5,2]' }, /range/],
    [{ range: '[0,500]' }, /at most 100 rows/],
    [{ filter: '{"ownerId":"x"}' }, /cannot filter by "ownerId"/],
    [{ filter: '[1]' }, /must be a JSON object/],
  ])('rejects %j', (raw, message) => {
    expect(() => parseListQuery(raw, spec)).toThrow(BadRequestException);
    expect(() => parseListQuery(raw, spec)).toThrow(message);
  });
});

describe('contentRange', () => {
  it('formats the header', () => {
    expect(contentRange('studies', 0, 25, 319)).toBe('studies 0-24/319');
    expect(contentRange('studies', 0, 0, 0)).toBe('studies 0-0/0');
  });
});

describe('filter values', () => {
  const id = '3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b';

  /** The 400's body: a message and the field it is about. */
  function rejection(fn: () => unknown): { message: string; errors: { field: string }[] } {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return (error as BadRequestException).getResponse() as never;
    }
    throw new Error('did not throw');
  }

  it('takes UUIDs and names the filter of anything else', () => {
    expect(uuidFilter(id, 'filter.studyId')).toBe(id);
    expect(uuidFilter(undefined, 'filter.studyId')).toBeUndefined();
    expect(uuidsFilter([id, id.toUpperCase()], 'filter.id')).toHaveLength(2);
    const bad = rejection(() => uuidFilter('T0001', 'filter.participantId'));
    expect(bad.message).toBe('filter.participantId: must be a UUID');
    expect(bad.errors).toEqual([{ field: 'filter.participantId', reason: 'must be a UUID' }]);
    expect(rejection(() => uuidFilter([id], 'filter.sessionId')).message).toMatch(/single value/);
    expect(rejection(() => uuidsFilter([id, 'x'], 'filter.id')).message).toMatch(/^filter\.id:/);
  });

  it('takes booleans as JSON or strings', () => {
    expect(booleanFilter(true, 'filter.practice')).toBe(true);
    expect(booleanFilter('false', 'filter.practice')).toBe(false);
    expect(booleanFilter(undefined, 'filter.practice')).toBeUndefined();
    expect(rejection(() => booleanFilter('yes', 'filter.verified')).message).toBe(
      'filter.verified: must be true or false',
    );
    expect(rejection(() => booleanFilter(1, 'filter.verified')).errors[0].field).toBe(
      'filter.verified',
    );
  });

  it('takes one of a set', () => {
    const statuses = ['running', 'completed'] as const;
    expect(enumFilter('running', 'filter.status', statuses)).toBe('running');
    expect(rejection(() => enumFilter('done', 'filter.status', statuses)).message).toBe(
      'filter.status: must be one of running, completed',
    );
  });

  it.each([
    ['2026-11-22', '2026-11-22T00:00:00.000Z'],
    ['2026-11-22T09:30:00Z', '2026-11-22T09:30:00.000Z'],
    ['2026-11-22T09:30:00.123Z', '2026-11-22T09:30:00.123Z'],
    ['2026-11-22T10:30:00+01:00', '2026-11-22T09:30:00.000Z'],
    ['2026-11-22T09:30Z', '2026-11-22T09:30:00.000Z'],
  ])('reads the date %s as %s', (text, iso) => {
    expect(dateFilter(text, 'filter.startedAt_gte')?.toISOString()).toBe(iso);
  });

  it.each([
    'yesterday',
    '2026-02-30',
    '2026-13-01',
    '2026-11-22T09:30:00',
    '2026-11-22T25:00:00Z',
    '22/11/2026',
    '1795341600000',
  ])('refuses the date %s, naming the filter', (text) => {
    const bad = rejection(() => dateFilter(text, 'filter.startedAt_lte'));
    expect(bad.message).toMatch(/^filter\.startedAt_lte: must be an ISO 8601 date/);
    expect(bad.errors[0].field).toBe('filter.startedAt_lte');
  });
});

describe('pageWindow', () => {
  it('reads a page in the near half as asked', () => {
    expect(pageWindow(100, 0, 25)).toEqual({ skip: 0, take: 25, reverse: false });
    expect(pageWindow(100, 25, 25)).toEqual({ skip: 25, take: 25, reverse: false });
  });

  it('reads a page in the far half from the other end', () => {
    // Rows 50-74 of 100 are rows 25-49 counted from the end.
    expect(pageWindow(100, 50, 25)).toEqual({ skip: 25, take: 25, reverse: true });
    expect(pageWindow(100, 75, 25)).toEqual({ skip: 0, take: 25, reverse: true });
    // A short last page: rows 90-99.
    expect(pageWindow(100, 90, 25)).toEqual({ skip: 0, take: 10, reverse: true });
  });

  it('is null past the end', () => {
    expect(pageWindow(0, 0, 25)).toBeNull();
    expect(pageWindow(10, 10, 25)).toBeNull();
  });

  it('selects the same rows either way', () => {
    const all = Array.from({ length: 37 }, (_, i) => i);
    for (let skip = 0; skip < 40; skip += 3)
      for (const take of [1, 5, 10]) {
        const w = pageWindow(all.length, skip, take);
        const expected = all.slice(skip, skip + take);
        if (!w) {
          expect(expected).toEqual([]);
          continue;
        }
        const source = w.reverse ? [...all].reverse() : all;
        const page = source.slice(w.skip, w.skip + w.take);
        expect(w.reverse ? page.reverse() : page).toEqual(expected);
      }
  });
});
