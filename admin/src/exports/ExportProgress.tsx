import CloseIcon from '@mui/icons-material/Close';
import { Box, LinearProgress, Typography } from '@mui/material';
import { Button } from 'react-admin';

import { type ExportProgress as Progress, progressPercent, progressText } from './zipExport';

/** The running export: a bar (by files, when the server said how many), MB received, cancel. */
export function ExportProgress({
  progress,
  onCancel,
}: {
  progress: Progress;
  onCancel: () => void;
}) {
  const percent = progressPercent(progress);
  const text = progressText(progress);
  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, minWidth: 260 }}>
      <Box sx={{ flex: 1 }}>
        <LinearProgress
          aria-label="Export progress"
          variant={percent === null ? 'indeterminate' : 'determinate'}
          value={percent ?? undefined}
        />
        <Typography variant="caption" role="status" aria-live="polite">
          {text}
        </Typography>
      </Box>
      <Button label="Cancel export" onClick={onCancel}>
        <CloseIcon />
      </Button>
    </Box>
  );
}
