import MovieCreationIcon from '@mui/icons-material/MovieCreation';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  Link,
  type RaRecord,
  useCreatePath,
  useDataProvider,
  useListContext,
  useNotify,
  useUnselectAll,
} from 'react-admin';

import type { OzDataProvider } from '../dataProvider';
import { getErrorMessage } from '../dataProvider/apiError';
import { realtime } from '../realtime';
import { RENDERS } from './types';

/**
 * A bulk action of the episodes list: queues a video of every selected episode
 * (`POST /api/renders/bulk`, the games' default options). The server checks them all first: if
 * one cannot be rendered (still running, not visible), nothing is queued and the message says
 * which.
 */
export function BulkRenderButton({ label = 'Render videos' }: { label?: string }) {
  const { selectedIds, resource } = useListContext<RaRecord>();
  const unselectAll = useUnselectAll(resource);
  const dataProvider = useDataProvider<OzDataProvider>();
  const notify = useNotify();
  const createPath = useCreatePath();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  const onClick = async () => {
    setBusy(true);
    try {
      const renders = await dataProvider.bulkRender(selectedIds);
      realtime.subscribeStudies([...new Set(renders.map((r) => r.studyId))]);
      await queryClient.invalidateQueries({ queryKey: [RENDERS] });
      unselectAll();
      notify(
        <span>
          {renders.length === 1 ? '1 render queued.' : `${renders.length} renders queued.`}{' '}
          <Link to={createPath({ resource: RENDERS, type: 'list' })}>Open the renders</Link>
        </span>,
        { type: 'info' },
      );
    } catch (error) {
      notify(getErrorMessage(error, 'The renders could not be queued'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      label={label}
      aria-label={`Render videos of the ${selectedIds.length} selected episodes`}
      disabled={busy || selectedIds.length === 0}
      onClick={() => void onClick()}
    >
      <MovieCreationIcon />
    </Button>
  );
}
