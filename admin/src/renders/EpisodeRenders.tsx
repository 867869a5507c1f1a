import { Box, Stack, Typography } from '@mui/material';
import { type Identifier, Link, useCreatePath, useGetList } from 'react-admin';

import { RenderActionButtons } from './RenderActions';
import { RenderErrorText } from './RenderError';
import { describeOptions } from './RenderFields';
import { RenderProgressBar } from './RenderProgress';
import { RenderStatusChip } from './RenderStatusChip';
import { RENDERS, type Render } from './types';
import { useLiveRenders } from './useLiveRenders';

/** The videos of one episode, newest first, with live progress and download buttons. */
export function EpisodeRenders({ episodeId }: { episodeId: Identifier }) {
  const createPath = useCreatePath();
  const { data, isPending, error } = useGetList<Render>(RENDERS, {
    filter: { episodeId: String(episodeId) },
    sort: { field: 'createdAt', order: 'DESC' },
    pagination: { page: 1, perPage: 20 },
  });
  useLiveRenders(data?.map((r) => r.studyId) ?? []);

  return (
    <Box component="section" aria-label="Videos of this episode">
      {isPending ? (
        <Typography variant="body2" color="text.secondary">
          Loading the videos…
        </Typography>
      ) : error ? (
        <Typography variant="body2" color="error">
          The videos could not be loaded.
        </Typography>
      ) : !data?.length ? (
        <Typography variant="body2" color="text.secondary">
          No video of this episode yet.
        </Typography>
      ) : (
        <Stack component="ul" spacing={1.5} sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {data.map((render) => (
            <Box
              component="li"
              key={render.id}
              aria-label={`Render ${render.id.slice(0, 8)}`}
              data-render-id={render.id}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <RenderStatusChip status={render.status} />
                <Link to={createPath({ resource: RENDERS, id: render.id, type: 'show' })}>
                  <Typography variant="body2" component="span">
                    {describeOptions(render.options)}
                  </Typography>
                </Link>
                <Box sx={{ flex: 1, minWidth: 160 }}>
                  <RenderProgressBar render={render} />
                </Box>
                <RenderActionButtons render={render} />
              </Stack>
              <RenderErrorText render={render} />
            </Box>
          ))}
        </Stack>
      )}
    </Box>
  );
}
