import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  PARTICIPANT_STATUSES,
  type ParticipantRole,
  type ParticipantStatus,
} from '../../games/common/api.js';
import { checkParticipantId } from './participant-id.js';

export interface CsvParticipantRow {
  line: number;
  participantId: string;
  role: ParticipantRole;
  externalId: string | null;
  status: ParticipantStatus;
}

export interface CsvLineError {
  line: number;
  reason: string;
}

const ID_COLUMNS = ['participantid', 'participant_id', 'id'];
const EXTERNAL_COLUMNS = ['externalid', 'external_id', 'prolific_pid'];
export const MAX_CSV_ROWS = 5000;

/**
 * Parses an import CSV (header row required; columns `participantId`, optional `externalId`, `status`).
 * Returns every row or every error: an import with any error imports nothing.
 */
export function parseParticipantCsv(
  text: string,
  idPattern: string,
): { rows: CsvParticipantRow[]; errors: CsvLineError[] } {
  let records: string[][];
  try {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse types rows loosely without `columns`
    records = parse(text, {
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: false,
    }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { rows: [], errors: [{ line: e.lines ?? 1, reason: `malformed CSV: ${e.message}` }] };
  }
  if (records.length === 0) return { rows: [], errors: [{ line: 1, reason: 'the file is empty' }] };
  const header = records[0].map((h) => h.toLowerCase());
  const idCol = header.findIndex((h) => ID_COLUMNS.includes(h));
  const extCol = header.findIndex((h) => EXTERNAL_COLUMNS.includes(h));
  const statusCol = header.indexOf('status');
  if (idCol < 0)
    return { rows: [], errors: [{ line: 1, reason: 'header must have a participantId column' }] };
  if (records.length - 1 > MAX_CSV_ROWS)
    return { rows: [], errors: [{ line: 1, reason: `at most ${MAX_CSV_ROWS} rows per import` }] };

  const rows: CsvParticipantRow[] = [];
  const errors: CsvLineError[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const check = checkParticipantId(record[idCol] ?? '', idPattern);
    if (!check.ok) return errors.push({ line, reason: check.reason });
    const dup = seen.get(check.id);
    if (dup) return errors.push({ line, reason: `${check.id} already appears on line ${dup}` });
    seen.set(check.id, line);
    const status = (
      statusCol >= 0 && record[statusCol] ? record[statusCol] : 'registered'
    ) as ParticipantStatus;
    if (!PARTICIPANT_STATUSES.includes(status))
      return errors.push({
        line,
        reason: `status "${status}" is not one of ${PARTICIPANT_STATUSES.join(', ')}`,
      });
    const externalId = extCol >= 0 && record[extCol] ? record[extCol] : null;
    if (externalId && externalId.length > 200)
      return errors.push({ line, reason: 'externalId is longer than 200 characters' });
    rows.push({ line, participantId: check.id, role: check.role, externalId, status });
  });
  if (rows.length === 0 && errors.length === 0)
    errors.push({ line: 1, reason: 'the file has a header but no rows' });
  return errors.length ? { rows: [], errors } : { rows, errors };
}

export interface CsvExportRow {
  participantId: string;
  role: string;
  status: string;
  externalId: string | null;
  accessCode: string | null;
  inviteUrl: string;
  consentedAt: Date | null;
  createdAt: Date;
}

export function participantsToCsv(rows: CsvExportRow[]): string {
  return stringify(
    rows.map((r) => ({
      ...r,
      externalId: r.externalId ?? '',
      accessCode: r.accessCode ?? '',
      consentedAt: r.consentedAt?.toISOString() ?? '',
      createdAt: r.createdAt.toISOString(),
    })),
    {
      header: true,
      columns: [
        'participantId',
        'role',
        'status',
        'externalId',
        'accessCode',
        'inviteUrl',
        'consentedAt',
        'createdAt',
      ],
    },
  );
}
