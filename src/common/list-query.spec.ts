import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { contentRange, parseListQuery } from './list-query.js';

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
