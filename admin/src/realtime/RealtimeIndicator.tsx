import { Chip, Tooltip } from '@mui/material';

import { useRealtimeStatus } from './hooks';

/** A small chip saying whether this page is receiving live updates, and why not. */
export function RealtimeIndicator() {
  const status = useRealtimeStatus();
  const label =
    status.state === 'connected'
      ? 'Live'
      : status.state === 'connecting'
        ? 'Connecting'
        : 'Offline';
  const detail =
    status.state === 'offline' || status.state === 'refused'
      ? `Live updates paused: ${status.reason}`
      : status.state === 'connected'
        ? 'Progress updates arrive as they happen'
        : 'Connecting to live updates';
  return (
    <Tooltip title={detail}>
      <Chip
        size="small"
        variant="outlined"
        color={status.state === 'connected' ? 'success' : 'default'}
        label={label}
        aria-label={`Live updates: ${label.toLowerCase()}`}
        data-realtime={status.state}
      />
    </Tooltip>
  );
}
