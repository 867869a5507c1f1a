import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useNotify } from 'react-admin';

import { getErrorMessage } from '../dataProvider/apiError';
import type { RecordingTrackView } from '../types';
import { useSessionTracks } from './EpisodeReplay';
import { trackLabel, trackUrl } from './replayData';

const seconds = (track: RecordingTrackView) =>
  track.durationSamples === null
    ? '—'
    : `${(track.durationSamples / track.sampleRate).toFixed(1)} s`;

/** Opens the WAV's signed URL (the storage answers with a download). */
async function openDownload(trackId: string) {
  const link = document.createElement('a');
  link.href = await trackUrl(trackId);
  link.rel = 'noopener';
  link.click();
}

/** The audio tracks of a session, with their alignment quality and a download each. */
export function SessionTracks({ sessionId }: { sessionId: string | undefined }) {
  const { data, isPending, error } = useSessionTracks(sessionId);
  const notify = useNotify();
  if (isPending) return <Typography variant="body2">Loading…</Typography>;
  if (error) return <Alert severity="error">{getErrorMessage(error)}</Alert>;
  if (!data?.length) return <Typography variant="body2">No audio was recorded.</Typography>;
  return (
    <Table size="small" data-testid="session-tracks">
      <TableHead>
        <TableRow>
          <TableCell>Track</TableCell>
          <TableCell>Status</TableCell>
          <TableCell align="right">Length</TableCell>
          <TableCell align="right">Rate</TableCell>
          <TableCell align="right">Fit error (rms)</TableCell>
          <TableCell align="right">Gaps</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {data.map((track) => (
          <TableRow key={track.id}>
            <TableCell>{trackLabel(track)}</TableCell>
            <TableCell>{track.error ? `${track.status}: ${track.error}` : track.status}</TableCell>
            <TableCell align="right">{seconds(track)}</TableCell>
            <TableCell align="right">{track.sampleRate} Hz</TableCell>
            <TableCell align="right">
              {track.mapping ? `${track.mapping.rmsResidualMs.toFixed(1)} ms` : '—'}
            </TableCell>
            <TableCell align="right">{track.gaps?.length ?? '—'}</TableCell>
            <TableCell>
              <Tooltip title="Download the WAV">
                <span>
                  <IconButton
                    size="small"
                    aria-label={`Download ${trackLabel(track)}`}
                    disabled={track.status !== 'finalized'}
                    onClick={() =>
                      void openDownload(track.id).catch((e: unknown) =>
                        notify(`Download failed: ${getErrorMessage(e)}`, { type: 'error' }),
                      )
                    }
                  >
                    <DownloadIcon fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
