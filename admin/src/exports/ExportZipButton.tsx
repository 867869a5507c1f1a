import ArchiveIcon from '@mui/icons-material/Archive';
import { Box } from '@mui/material';
import { Button, useRecordContext } from 'react-admin';

import { API_URL } from '../dataProvider';
import { ExportProgress } from './ExportProgress';
import { useZipExport } from './useZipExport';
import { type ExportScope, scopeRequest } from './zipExport';

export interface ExportZipButtonProps {
  /** `{ sessionId }` or `{ studyId, from?, to?, includePractice? }`; nothing is rendered without one. */
  scope: ExportScope | null | undefined;
  label?: string;
}

/**
 * Downloads the streamed ZIP of a session or a study (JSON logs, WAVs, summary.csv, compat
 * formats, manifest.json with checksums), showing the MB and files received as it streams.
 */
export function ExportZipButton({ scope, label = 'Export ZIP' }: ExportZipButtonProps) {
  const { progress, start, cancel } = useZipExport();
  if (!scope) return null;
  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
      <Button
        label={label}
        disabled={progress !== null}
        onClick={() => void start(scopeRequest(API_URL, scope))}
      >
        <ArchiveIcon />
      </Button>
      {progress && <ExportProgress progress={progress} onCancel={cancel} />}
    </Box>
  );
}

/** `Export ZIP` of the session in the record context (a session's show page or a row). */
export function SessionExportZipButton({ label }: { label?: string }) {
  const session = useRecordContext<{ id: string }>();
  return (
    <ExportZipButton scope={session ? { sessionId: String(session.id) } : null} label={label} />
  );
}

/** `Export ZIP` of every session of the study in the record context. */
export function StudyExportZipButton({ label }: { label?: string }) {
  const study = useRecordContext<{ id: string }>();
  return <ExportZipButton scope={study ? { studyId: String(study.id) } : null} label={label} />;
}
