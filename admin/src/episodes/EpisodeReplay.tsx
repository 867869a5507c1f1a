import { Alert, CircularProgress, Stack, Typography } from '@mui/material';
import { useGetList, useDataProvider, useRecordContext } from 'react-admin';

import type { OzDataProvider } from '../dataProvider';
import { ReplayViewer } from '../replay/ReplayViewer';
import { type Episode, type RecordingTrackView, ResourceName } from '../types';
import { audioSources, loadEpisodeReplay } from './replayData';
import { useLoad } from './useLoad';

/** The session's audio tracks (`GET /api/recordings?filter={"sessionId":...}`). */
export function useSessionTracks(sessionId: string | undefined) {
  return useGetList<RecordingTrackView & { id: string }>(
    ResourceName.Recordings,
    {
      filter: { sessionId },
      pagination: { page: 1, perPage: 100 },
      sort: { field: 'createdAt', order: 'ASC' },
    },
    { enabled: !!sessionId },
  );
}

/** The replay viewer of the episode in context, with its session's audio. */
export function EpisodeReplay() {
  const episode = useRecordContext<Episode>();
  const dataProvider = useDataProvider<OzDataProvider>();
  const tracks = useSessionTracks(episode?.sessionId);

  const data = useLoad(
    async () => (episode ? loadEpisodeReplay(dataProvider, episode) : null),
    [episode?.id, episode?.updatedAt],
  );
  const trackIds = (tracks.data ?? []).map((t) => `${t.id}:${t.status}`).join(',');
  const audio = useLoad(async () => audioSources(tracks.data ?? []), [trackIds]);

  if (!episode) return null;
  if (data.state === 'loading')
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={20} />
        <Typography variant="body2">Loading the log…</Typography>
      </Stack>
    );
  if (data.state === 'error')
    return <Alert severity="error">The replay cannot be shown: {data.message}</Alert>;
  if (!data.value) return null;
  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      {audio.state === 'error' && (
        <Alert severity="warning">The audio cannot be played: {audio.message}</Alert>
      )}
      <ReplayViewer
        replay={data.value.replay}
        audio={audio.state === 'done' ? audio.value : []}
        rom={data.value.rom}
        romMissing={data.value.romMissing}
        initialEpisode={episode.id}
      />
    </Stack>
  );
}
