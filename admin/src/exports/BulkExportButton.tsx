import ArchiveIcon from '@mui/icons-material/Archive';
import { Box } from '@mui/material';
import { Button, type RaRecord, useListContext, useUnselectAll } from 'react-admin';

import { API_URL } from '../dataProvider';
import { ResourceName } from '../types';
import { ExportProgress } from './ExportProgress';
import { useZipExport } from './useZipExport';
import { MAX_SELECTION_IDS, selectionRequest } from './zipExport';

export interface BulkExportButtonProps {
  label?: string;
  /** What the selected ids are; default: the list's resource (sessions or episodes). */
  of?: ResourceName.Sessions | ResourceName.Episodes;
}

/**
 * A bulk action of the sessions and episodes lists: one ZIP of the selected sessions (whole) or
 * episodes (with their session's JSON and audio), via `POST /api/exports`. The server checks
 * every id first; an id that is unknown or not yours answers 404 naming it, before any download.
 */
export function BulkExportButton({ label = 'Export ZIP', of }: BulkExportButtonProps) {
  const { selectedIds, resource } = useListContext<RaRecord>();
  const unselectAll = useUnselectAll(resource);
  const { progress, start, cancel } = useZipExport(unselectAll);
  const kind =
    of ??
    (resource === String(ResourceName.Episodes) ? ResourceName.Episodes : ResourceName.Sessions);
  const ids = selectedIds.map(String);
  const tooMany = ids.length > MAX_SELECTION_IDS;
  const what = kind === ResourceName.Episodes ? 'episodes' : 'sessions';

  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
      <Button
        label={label}
        title={tooMany ? `At most ${MAX_SELECTION_IDS} ${what} per export` : undefined}
        disabled={progress !== null || ids.length === 0 || tooMany}
        onClick={() =>
          void start(
            selectionRequest(
              API_URL,
              kind === ResourceName.Episodes ? { episodeIds: ids } : { sessionIds: ids },
            ),
          )
        }
      >
        <ArchiveIcon />
      </Button>
      {progress && <ExportProgress progress={progress} onCancel={cancel} />}
    </Box>
  );
}
