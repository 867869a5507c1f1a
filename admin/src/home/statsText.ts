/** Numbers of the home page in words. Pure. */

/** Hours of audio: "0", "0.25", "12.5", "1,234" (two decimals at most, fewer when large). */
export function hoursText(hours: number): string {
  if (!Number.isFinite(hours) || hours <= 0) return '0';
  const digits = hours >= 100 ? 0 : hours >= 10 ? 1 : 2;
  return hours.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** The UTC day the server counts "today" in: "Sunday 1 March 2026 (UTC)". */
export function utcDayText(startIso: string): string {
  const day = new Date(startIso);
  if (Number.isNaN(day.getTime())) return 'UTC day';
  const text = day.toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${text.replace(',', '')} (UTC)`;
}
