import { Box, LinearProgress, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

import { renderPercent } from '../../../src/games/common/dashboard-events';
import type { Render } from './types';

type ProgressFields = Pick<Render, 'id' | 'status' | 'framesWritten' | 'framesTotal'>;

const COLOR = {
  queued: 'inherit',
  rendering: 'primary',
  completed: 'success',
  failed: 'error',
  cancelled: 'inherit',
} as const;

/**
 * A render's progress bar (frames written / total) with its percentage. The bar carries
 * `data-render-id`, `data-status` and `data-progress` (0..100) for tests to watch.
 */
export function RenderProgressBar({ render }: { render: ProgressFields }) {
  const percent = renderPercent(render);
  const starting = render.status === 'rendering' && !render.framesTotal;
  const frames = render.framesTotal
    ? `${render.framesWritten} of ${render.framesTotal} frames`
    : render.status;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 160 }}>
      <LinearProgress
        sx={{ flex: 1, height: 8, borderRadius: 1 }}
        variant={starting ? 'indeterminate' : 'determinate'}
        value={percent}
        color={COLOR[render.status]}
        aria-label={`Progress of render ${String(render.id).slice(0, 8)}`}
        aria-valuetext={`${percent}% (${frames})`}
        data-render-id={render.id}
        data-status={render.status}
        data-progress={percent}
      />
      <Typography variant="caption" sx={{ minWidth: 36, textAlign: 'right' }}>
        {percent}%
      </Typography>
    </Box>
  );
}

/** The progress bar of the render in the record context (a list row, a show page). */
export function RenderProgressField(_props: { label?: string; source?: string }) {
  const render = useRecordContext<Render>();
  return render ? <RenderProgressBar render={render} /> : null;
}
