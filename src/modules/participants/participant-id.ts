import { ROLE_BY_PREFIX, type ParticipantRole } from '../../games/common/api.js';

/** Most IDs one range may register at once. */
export const MAX_RANGE = 2000;

export type IdCheck =
  { ok: true; id: string; role: ParticipantRole } | { ok: false; reason: string };

/** Normalises (trim, upper-case) and checks an ID against the study's pattern; the role comes from its prefix. */
export function checkParticipantId(raw: string, pattern: string): IdCheck {
  const id = raw.trim().toUpperCase();
  if (!id) return { ok: false, reason: 'participant ID is empty' };
  if (!new RegExp(pattern).test(id))
    return { ok: false, reason: `"${id}" does not match the study's ID pattern ${pattern}` };
  const role = ROLE_BY_PREFIX[id[0]];
  if (!role)
    return {
      ok: false,
      reason: `"${id}" must start with T (teacher), W (wizard) or D (demonstrator)`,
    };
  return { ok: true, id, role };
}

/**
 * Expands `T0001-T0040` (or `T0001-0040`, or a single `T0005`) into IDs, keeping the zero padding.
 * Throws an Error with a readable message on a malformed or oversized range.
 */
export function expandRange(range: string): string[] {
  const m = /^\s*([A-Za-z]+)(\d+)\s*(?:-\s*([A-Za-z]*)(\d+)\s*)?$/.exec(range);
  if (!m) throw new Error(`"${range}" is not a range like T0001-T0040`);
  const [, prefix, fromDigits, toPrefix, toDigits] = m as unknown as [
    string,
    string,
    string,
    string?,
    string?,
  ];
  if (toPrefix && toPrefix.toUpperCase() !== prefix.toUpperCase())
    throw new Error(`both ends of "${range}" must have the same prefix`);
  const from = Number(fromDigits);
  const to = toDigits === undefined ? from : Number(toDigits);
  if (to < from) throw new Error(`"${range}" ends before it starts`);
  if (to - from + 1 > MAX_RANGE)
    throw new Error(`"${range}" has ${to - from + 1} IDs; at most ${MAX_RANGE} at once`);
  const width = Math.max(fromDigits.length, toDigits?.length ?? 0);
  const ids: string[] = [];
  for (let n = from; n <= to; n++) ids.push(prefix.toUpperCase() + String(n).padStart(width, '0'));
  return ids;
}
