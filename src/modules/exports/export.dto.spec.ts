import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { studyExportFilter } from './export.dto.js';

describe('studyExportFilter', () => {
  it('defaults to everything, practice included', () => {
    expect(studyExportFilter({})).toEqual({ from: null, to: null, includePractice: true });
    expect(studyExportFilter({ includePractice: 'false' }).includePractice).toBe(false);
  });

  it('reads date-times as given and a bare `to` date as the end of that day', () => {
    expect(studyExportFilter({ from: '2025-03-01T12:00:00Z', to: '2025-03-31' })).toEqual({
      from: new Date('2025-03-01T12:00:00Z'),
      to: new Date('2025-04-01T00:00:00Z'),
      includePractice: true,
    });
    expect(studyExportFilter({ to: '2025-03-31T08:00:00Z' }).to).toEqual(
      new Date('2025-03-31T08:00:00Z'),
    );
  });

  it('refuses an empty range, naming `to`', () => {
    const attempt = () => studyExportFilter({ from: '2025-03-02', to: '2025-03-01T00:00:00Z' });
    expect(attempt).toThrow(BadRequestException);
    expect(attempt).toThrow('to: must be after from');
  });

  it('refuses a date JavaScript cannot place, naming the field', () => {
    expect(() => studyExportFilter({ from: '2025-W10' })).toThrow(/^from: must be an ISO 8601/);
  });
});
