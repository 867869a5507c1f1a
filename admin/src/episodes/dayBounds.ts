/**
 * The date filters of the episode list: a `<DateInput>` gives `YYYY-MM-DD` in the researcher's
 * calendar; the API takes instants (`startedAt_gte` / `startedAt_lte`, both inclusive). "From" is
 * the start of that local day, "until" its last millisecond, so that a one-day range is that day
 * where the researcher is, not in UTC.
 */
function localDay(value: string, hours: [number, number, number, number]): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const day = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), ...hours);
  return Number.isNaN(day.getTime()) ? null : day.toISOString();
}

/** `2026-11-22` -> that local day's 00:00:00.000 as an ISO instant; empty -> no filter. */
export const startOfLocalDay = (value: string): string | null => localDay(value, [0, 0, 0, 0]);

/** `2026-11-22` -> that local day's 23:59:59.999 as an ISO instant; empty -> no filter. */
export const endOfLocalDay = (value: string): string | null => localDay(value, [23, 59, 59, 999]);
