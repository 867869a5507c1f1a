import CancelIcon from '@mui/icons-material/Cancel';
import DownloadIcon from '@mui/icons-material/Download';
import RefreshIcon from '@mui/icons-material/Refresh';
import { Button, Stack } from '@mui/material';
import { useRecordContext } from 'react-admin';

import { isOpen, type Render } from './types';
import { useRenderActions } from './useRenderActions';

const shortId = (id: string) => id.slice(0, 8);

/** Cancel (queued or rendering), Retry (finished) and Download (completed) for one render. */
export function RenderActionButtons({
  render,
  size = 'small',
}: {
  render: Pick<Render, 'id' | 'status'>;
  size?: 'small' | 'medium';
}) {
  const { pending, cancel, retry, download } = useRenderActions();
  const id = shortId(render.id);
  return (
    <Stack
      direction="row"
      spacing={1}
      // A list row navigates on click; its buttons must not.
      onClick={(event) => event.stopPropagation()}
    >
      {isOpen(render.status) ? (
        <Button
          size={size}
          color="warning"
          startIcon={<CancelIcon />}
          aria-label={`Cancel render ${id}`}
          disabled={pending !== null}
          onClick={() => void cancel(render)}
        >
          Cancel
        </Button>
      ) : (
        <Button
          size={size}
          startIcon={<RefreshIcon />}
          aria-label={`Retry render ${id}`}
          disabled={pending !== null}
          onClick={() => void retry(render)}
        >
          Retry
        </Button>
      )}
      {render.status === 'completed' ? (
        <Button
          size={size}
          variant="outlined"
          startIcon={<DownloadIcon />}
          aria-label={`Download render ${id}`}
          disabled={pending !== null}
          onClick={() => void download(render)}
        >
          Download
        </Button>
      ) : null}
    </Stack>
  );
}

export function RenderActionsField(_props: { label?: string; source?: string }) {
  const render = useRecordContext<Render>();
  return render ? <RenderActionButtons render={render} /> : null;
}
