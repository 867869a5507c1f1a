/** RFC 4180 CSV: a header row from `columns`, CRLF line ends, fields quoted only when needed. */
export const toCsv = <Row extends Record<string, unknown>>(
  rows: readonly Row[],
  columns: readonly (keyof Row & string)[],
): string => {
  const lines = [columns.map(escapeCsvField).join(',')];
  for (const row of rows)
    lines.push(columns.map((column) => escapeCsvField(row[column])).join(','));
  return lines.join('\r\n');
};

export const escapeCsvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : value instanceof Date
          ? value.toISOString()
          : JSON.stringify(value);
  // Quote separators, quotes and line breaks; also leading spaces, which spreadsheets trim.
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
