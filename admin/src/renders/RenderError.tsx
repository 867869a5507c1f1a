import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Box, Collapse, IconButton, Typography } from '@mui/material';
import { useId, useState } from 'react';
import { useRecordContext } from 'react-admin';

import type { Render } from './types';

/** The first line of a render's error (its cause), the rest (ffmpeg's stderr tail) on demand. */
export function RenderErrorText({ render }: { render: Pick<Render, 'id' | 'error'> }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  if (!render.error) return null;
  const [cause, ...rest] = render.error.split('\n');
  const details = rest.join('\n').trim();
  return (
    <Box sx={{ maxWidth: 480 }} onClick={(event) => event.stopPropagation()}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
        <Typography variant="body2" color="error" sx={{ wordBreak: 'break-word' }}>
          {cause}
        </Typography>
        {details ? (
          <IconButton
            size="small"
            aria-label={open ? 'Hide the error details' : 'Show the error details'}
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen((was) => !was)}
          >
            {open ? <ExpandLessIcon fontSize="small" /> : <ExpandMoreIcon fontSize="small" />}
          </IconButton>
        ) : null}
      </Box>
      {details ? (
        <Collapse in={open}>
          <Box
            component="pre"
            id={detailsId}
            aria-label={`Error details of render ${String(render.id).slice(0, 8)}`}
            sx={{
              m: 0,
              mt: 0.5,
              p: 1,
              maxHeight: 240,
              overflow: 'auto',
              fontSize: 12,
              bgcolor: 'action.hover',
              borderRadius: 1,
              whiteSpace: 'pre-wrap',
            }}
          >
            {details}
          </Box>
        </Collapse>
      ) : null}
    </Box>
  );
}

export function RenderErrorField(_props: { label?: string; source?: string }) {
  const render = useRecordContext<Render>();
  return render ? <RenderErrorText render={render} /> : null;
}
