import { downloadCSV, type Exporter } from 'react-admin';

import { toCsv } from '../common/csv';
import { ResourceName, type Participant, type Study } from '../types';

const COLUMNS = [
  'study',
  'participantId',
  'role',
  'status',
  'externalId',
  'accessCode',
  'inviteUrl',
  'consentedAt',
  'lastLoginAt',
  'createdAt',
] as const;

type ExportRow = Record<(typeof COLUMNS)[number], string | null>;

/** The participants list's export: one row per participant, with the study's slug. */
export const participantExporter: Exporter<Participant> = async (records, fetchRelatedRecords) => {
  const studies = await fetchRelatedRecords<Study>(records, 'studyId', ResourceName.Studies);
  const rows = records.map((participant): ExportRow => ({
    study: studies[participant.studyId]?.slug ?? participant.studyId,
    participantId: participant.participantId,
    role: participant.role,
    status: participant.status,
    externalId: participant.externalId,
    accessCode: participant.accessCode,
    inviteUrl: participant.inviteUrl,
    consentedAt: participant.consentedAt,
    lastLoginAt: participant.lastLoginAt,
    createdAt: participant.createdAt,
  }));
  downloadCSV(toCsv(rows, COLUMNS), ResourceName.Participants);
};
