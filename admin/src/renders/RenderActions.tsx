import CancelIcon from '@mui/icons-material/Cancel';
import DownloadIcon from '@mui/icons-material/Download';
import RefreshIcon from '@mui/icons-material/Refresh';
import { Button, IconButton, Stack, Tooltip } from '@mui/material';
import { useRecordContext } from 'react-admin';

import { isOpen, type Render } from './types';
import { useRenderActions } from './useRenderActions';

const shortId = (id: string) => id.slice(0, 8);

/**
 * Cancel (queued or rendering), Retry (finished) and Download (completed) for one render.
 * `compact`: icon buttons with tooltips, for a list row (the accessible names are the same).
 */
export function RenderActionButtons({
  render,
  size = 'small',
  compact = false,
}: {
  render: Pick<Render, 'id' | 'status'>;
  size?: 'small' | 'medium';
  compact?: boolean;
}) {
  const { pending, cancel, retry, download } = useRenderActions();
  const id = shortId(render.id);
  if (compact) {
    const open = isOpen(render.status);
    return (
      <Stack direction="row" spacing={0.5} onClick={(event) => event.stopPropagation()}>
        <Tooltip title={open ? 'Cancel' : 'Retry'}>
          <span>
            <IconButton
              size={size}
              color={open ? 'warning' : 'primary'}
              aria-label={`${open ? 'Cancel' : 'Retry'} render ${id}`}
              disabled={pending !== null}
              onClick={() => void (open ? cancel(render) : retry(render))}
            >
              {open ? <CancelIcon fontSize="small" /> : <RefreshIcon fontSize="small" />}
            </IconButton>
          </span>
        </Tooltip>
        {render.status === 'completed' ? (
          <Tooltip title="Download">
            <span>
              <IconButton
                size={size}
                color="primary"
                aria-label={`Download render ${id}`}
                disabled={pending !== null}
                onClick={() => void download(render)}
              >
                <DownloadIcon fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
        ) : null}
      </Stack>
    );
  }
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

export function RenderActionsField({
  compact = false,
}: {
  label?: string;
  source?: string;
  compact?: boolean;
}) {
  const render = useRecordContext<Render>();
  return render ? <RenderActionButtons render={render} compact={compact} /> : null;
}
