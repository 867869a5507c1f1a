import { Chip } from '@mui/material';
import { useRecordContext } from 'react-admin';

import { type Render, type RenderStatusName, STATUS_CHOICES } from './types';

const COLOR = {
  queued: 'default',
  rendering: 'info',
  completed: 'success',
  failed: 'error',
  cancelled: 'warning',
} as const satisfies Record<RenderStatusName, string>;

const labelOf = (status: RenderStatusName) =>
  STATUS_CHOICES.find((c) => c.id === status)?.name ?? status;

export function RenderStatusChip({ status }: { status: RenderStatusName }) {
  return (
    <Chip
      size="small"
      color={COLOR[status]}
      variant={status === 'queued' ? 'outlined' : 'filled'}
      label={labelOf(status)}
      data-status={status}
    />
  );
}

export function RenderStatusField(_props: { label?: string; source?: string }) {
  const render = useRecordContext<Render>();
  return render ? <RenderStatusChip status={render.status} /> : null;
}
