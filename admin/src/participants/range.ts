import { roleOfParticipantId } from '../common/ids';
import type { ParticipantRole } from '../types';

/** A range of participant IDs such as `T0001-T0040`, as the register dialog previews it. */
export interface IdRange {
  prefix: string;
  first: number;
  last: number;
  /** Digits of the first ID, zero padding included: 4 for `T0001`. */
  width: number;
  count: number;
  firstId: string;
  lastId: string;
  role: ParticipantRole | undefined;
}

const RANGE_PATTERN = /^([A-Za-z]+)(\d+)\s*[-–]\s*([A-Za-z]+)?(\d+)$/;

/**
 * Parses `T0001-T0040` (or `T0001-0040`, `T1-T40`). Returns the range or why it is not one.
 * The server has the last word: it also checks the IDs against the study's pattern.
 */
export const parseIdRange = (text: string): IdRange | { error: string } => {
  const match = RANGE_PATTERN.exec(text.trim());
  if (!match) return { error: 'Write a range like T0001-T0040' };
  const [, prefix, firstDigits, lastPrefix, lastDigits] = match as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  if (lastPrefix !== undefined && lastPrefix.toUpperCase() !== prefix.toUpperCase()) {
    return { error: `Both ends need the same prefix (${prefix})` };
  }
  const first = Number(firstDigits);
  const last = Number(lastDigits);
  if (last < first) return { error: 'The range ends before it starts' };
  const width = firstDigits.length;
  const format = (n: number) => `${prefix}${String(n).padStart(width, '0')}`;
  return {
    prefix,
    first,
    last,
    width,
    count: last - first + 1,
    firstId: format(first),
    lastId: format(last),
    role: roleOfParticipantId(prefix),
  };
};

/** "40 teachers: T0001 … T0040" */
export const describeIdRange = (range: IdRange): string => {
  const who = range.role ? `${range.role}${range.count === 1 ? '' : 's'}` : 'participants';
  const ids = range.count === 1 ? range.firstId : `${range.firstId} … ${range.lastId}`;
  return `${range.count} ${who}: ${ids}`;
};
