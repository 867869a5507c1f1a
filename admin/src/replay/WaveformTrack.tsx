import VolumeOffIcon from '@mui/icons-material/VolumeOff';
import VolumeUpIcon from '@mui/icons-material/VolumeUp';
import { Box, IconButton, Tooltip, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';

import { trackSpan } from './audio';
import type { AudioSource } from './model';
import type { LoadedTrack } from './useAudioSync';

export const LABEL_WIDTH = 168;
const HEIGHT = 44;

interface WaveformTrackProps {
  track: AudioSource;
  startMs: number;
  endMs: number;
  register: (id: string, track: LoadedTrack | null) => void;
  playing: boolean;
}

/**
 * One audio track as a row of the timeline: its waveform (wavesurfer.js) stretched over the span
 * its mapping gives it, so that each sample sits under the instant it was recorded; the media
 * element wavesurfer loads is the one the viewer plays, kept in sync by `useAudioSync`.
 */
export function WaveformTrack({ track, startMs, endMs, register, playing }: WaveformTrackProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [durationS, setDurationS] = useState<number | null>(track.durationS);
  const [error, setError] = useState<string | null>(null);
  const [muted, setMuted] = useState(false);
  const elementRef = useRef<HTMLMediaElement | null>(null);
  const [loaded, setLoaded] = useState(false);

  const { id, url, placement } = track;
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    setError(null);
    const ws = WaveSurfer.create({
      container,
      url,
      height: HEIGHT,
      waveColor: '#90a4ae',
      progressColor: '#1565c0',
      cursorWidth: 0,
      interact: false,
      normalize: true,
      hideScrollbar: true,
    });
    const element = ws.getMediaElement();
    elementRef.current = element;
    const unsubscribeReady = ws.on('ready', (duration) => {
      setDurationS(duration);
      setLoaded(true);
    });
    const unsubscribeError = ws.on('error', (e) => setError(e.message || 'cannot load the audio'));
    return () => {
      unsubscribeReady();
      unsubscribeError();
      register(id, null);
      ws.destroy();
      elementRef.current = null;
      setLoaded(false);
    };
  }, [id, url, register]);

  // (Re-)registers the loaded element with its placement; a new placement needs no reload.
  useEffect(() => {
    const element = elementRef.current;
    if (loaded && element && durationS !== null) register(id, { element, placement, durationS });
  }, [loaded, id, placement, durationS, register]);

  useEffect(() => {
    if (elementRef.current) elementRef.current.muted = muted;
  }, [muted, durationS]);

  const span = trackSpan(placement, durationS ?? 0);
  const range = Math.max(1, endMs - startMs);
  const left = ((span.startMs - startMs) / range) * 100;
  const width = ((span.endMs - span.startMs) / range) * 100;

  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', minHeight: HEIGHT }}
      data-testid="replay-track"
      data-track-id={id}
      data-track-ready={loaded && !error ? 'true' : 'false'}
      data-audio-playing={playing ? 'true' : 'false'}
    >
      <Box sx={{ width: LABEL_WIDTH, flexShrink: 0, display: 'flex', alignItems: 'center' }}>
        <Tooltip title={muted ? 'Unmute' : 'Mute'}>
          <IconButton
            size="small"
            onClick={() => setMuted((m) => !m)}
            aria-label={`Mute ${track.label}`}
          >
            {muted ? <VolumeOffIcon fontSize="small" /> : <VolumeUpIcon fontSize="small" />}
          </IconButton>
        </Tooltip>
        <Typography variant="caption" noWrap title={track.label}>
          {track.label}
        </Typography>
      </Box>
      <Box
        sx={{
          position: 'relative',
          flexGrow: 1,
          height: HEIGHT,
          overflow: 'hidden',
          bgcolor: 'action.hover',
          borderRadius: 1,
        }}
      >
        <Box
          ref={containerRef}
          sx={{
            position: 'absolute',
            top: 0,
            left: `${left}%`,
            width: `${Math.max(width, 0)}%`,
            height: HEIGHT,
          }}
        />
        {error && (
          <Typography
            variant="caption"
            color="error"
            sx={{ position: 'absolute', left: 8, top: 12 }}
          >
            {error}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
